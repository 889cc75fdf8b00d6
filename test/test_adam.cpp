// adam (nn/adam.hpp): two steps against Algorithm 1 of Kingma & Ba worked by hand (bias
// correction included), convergence on an ill-conditioned quadratic, the decoupled weight decay
// term, clipping by global norm, the schedules, and the messages of bad input.
#include <boost/numeric/odeint/nn/adam.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

using namespace boost::numeric::odeint;
using Catch::Matchers::Contains;
using vec = std::vector<double>;

TEST_CASE("adam's first two steps are Algorithm 1 of Kingma and Ba with bias correction")
{
    adam_options<double> o;
    o.learning_rate = 0.1;
    adam<double> optimizer(2, o);
    // Step 1, g = (2, -0.5): m = 0.1 g, v = 0.001 g², m̂ = m / 0.1 = g, v̂ = v / 0.001 = g²,
    // Δ = −0.1 g / (|g| + 1e-8) = (−0.1 · 2/(2 + 1e-8), +0.1 · 0.5/(0.5 + 1e-8)).
    const vec first = optimizer.update({2.0, -0.5});
    CHECK(first[0] == Approx(-0.1 * 2 / (2 + 1e-8)).epsilon(1e-14));
    CHECK(first[1] == Approx(0.1 * 0.5 / (0.5 + 1e-8)).epsilon(1e-14));
    // Step 2, g = (−1, 0.25): m₀ = 0.9 · 0.2 − 0.1 = 0.08, m̂₀ = 0.08 / (1 − 0.81) = 0.08 / 0.19;
    // v₀ = 0.999 · 0.004 + 0.001 · 1 = 0.004996, v̂₀ = 0.004996 / (1 − 0.998001);
    // Δ₀ = −0.1 m̂₀ / (√v̂₀ + 1e-8) = −0.0266337038 (without the bias correction it would be
    // −0.1 · 0.08 / √0.004996 = −0.113). Component 1 is −¼ of component 0's gradients.
    const vec second = optimizer.update({-1.0, 0.25});
    const double expected = -0.1 * (0.08 / 0.19) / (std::sqrt(0.004996 / 0.001999) + 1e-8);
    CHECK(expected == Approx(-0.02663370379756845).epsilon(1e-12));
    CHECK(second[0] == Approx(expected).epsilon(1e-12));  // a few roundings of 1e-16 each
    CHECK(second[1] == Approx(-0.1 * (-0.02 / 0.19) /
                              (std::sqrt(0.00031225 / 0.001999) + 1e-8)).epsilon(1e-12));
    CHECK(optimizer.step_count() == 2);
    CHECK(optimizer.gradient_norm() == Approx(std::sqrt(1 + 0.0625)).epsilon(1e-15));
    CHECK(optimizer.learning_rate() == 0.1);
}

TEST_CASE("adam minimises an ill-conditioned quadratic")
{
    // f(θ) = Σ a_i (θ_i − c_i)², curvatures a_i from 1 to 1000; gradient 2 a_i (θ_i − c_i).
    const vec a = {1, 10, 100, 1000}, c = {1.5, -2, 0.25, 3};
    vec theta(4, 0.0), gradient(4);
    adam_options<double> o;
    o.learning_rate = 0.05;
    o.schedule = cosine_schedule<double>(3000);  // the rate falls to 0: the iterates settle
    adam<double> optimizer(4, o);
    for (int t = 0; t < 3000; ++t)
    {
        for (std::size_t i = 0; i < 4; ++i)
            gradient[i] = 2 * a[i] * (theta[i] - c[i]);
        optimizer.step(theta, gradient);
    }
    // From distances up to 3 to within 1e-3 (each coordinate's step is at most η_t, and η_t
    // falls to 0 over the last steps, so the oscillation about the minimum dies out).
    for (std::size_t i = 0; i < 4; ++i)
        CHECK(std::abs(theta[i] - c[i]) < 1e-3);
}

TEST_CASE("adam's decoupled weight decay subtracts the scheduled rate times lambda times theta")
{
    adam_options<double> o;
    o.learning_rate = 0.01;
    o.weight_decay = 0.5;
    o.schedule = step_decay_schedule<double>(1, 0.5);  // η_1 = 0.01, η_2 = 0.005
    adam_options<double> plain_options = o;
    plain_options.weight_decay = 0;
    adam<double> decayed(3, o), plain(3, plain_options);
    vec theta = {1.0, -2.0, 4.0};
    const vec gradients[2] = {{0.5, 0.0, -3.0}, {0.25, 1.0, 2.0}};
    const double rates[2] = {0.01, 0.005};
    for (int t = 0; t < 2; ++t)
    {
        const vec before = theta;
        const vec without = plain.update(gradients[t], theta);
        decayed.step(theta, gradients[t]);
        for (std::size_t i = 0; i < 3; ++i)
            CHECK(theta[i] - before[i] ==
                  Approx(without[i] - rates[t] * 0.5 * before[i]).epsilon(1e-12));
    }
    // With a zero gradient (m = v = 0) only the decay moves θ: θ ← θ (1 − η λ).
    adam<double> only_decay(1, o);
    vec x = {2.0};
    only_decay.step(x, {0.0});
    CHECK(x[0] == Approx(2.0 * (1 - 0.01 * 0.5)).epsilon(1e-15));
    CHECK_THROWS_WITH(only_decay.update({0.0}), Contains("weight_decay = 0.5") &&
                                                    Contains("update(gradient, parameters)"));
}

TEST_CASE("adam clips a gradient by its global norm")
{
    adam_options<double> o;
    o.learning_rate = 0.1;
    o.max_gradient_norm = 1.0;
    adam<double> clipped(2, o);
    adam_options<double> plain;
    plain.learning_rate = 0.1;
    adam<double> reference(2, plain), unclipped(2, plain);
    // ‖(6, 8)‖ = 10 > 1: clipped to (0.6, 0.8); ‖(0.3, 0)‖ = 0.3 ≤ 1: unchanged.
    const vec g1 = {6.0, 8.0}, g2 = {0.3, 0.0};
    clipped.update(g1);
    reference.update({0.6, 0.8});
    unclipped.update(g1);
    CHECK(clipped.gradient_norm() == 10.0);  // the norm before clipping
    const vec with_clipping = clipped.update(g2);
    const vec expected = reference.update(g2);
    const vec without_clipping = unclipped.update(g2);
    for (std::size_t i = 0; i < 2; ++i)
        CHECK(with_clipping[i] == Approx(expected[i]).epsilon(1e-14));
    // The second step sees the first step's moments: clipping changed them (else the test
    // could not tell clipping from none).
    CHECK(std::abs(without_clipping[0] - expected[0]) > 1e-3);
}

TEST_CASE("adam's schedules give the documented factors")
{
    const auto decay = step_decay_schedule<double>(10, 0.5);
    CHECK(decay(0) == 1.0);
    CHECK(decay(9) == 1.0);
    CHECK(decay(10) == 0.5);
    CHECK(decay(25) == 0.25);
    const auto cosine = cosine_schedule<double>(100, 0.1);
    CHECK(cosine(0) == Approx(1.0).epsilon(1e-15));
    CHECK(cosine(50) == Approx(0.55).epsilon(1e-14));  // 0.1 + 0.9 · (1 + cos π/2)/2
    CHECK(cosine(100) == Approx(0.1).epsilon(1e-14));
    CHECK(cosine(500) == Approx(0.1).epsilon(1e-14));
    // The optimizer applies schedule(t − 1): on step 1 the factor is schedule(0).
    adam_options<double> o;
    o.learning_rate = 0.2;
    o.schedule = [](std::size_t step) { return step == 0 ? 0.25 : 1.0; };
    adam<double> optimizer(1, o);
    const vec first = optimizer.update({3.0});
    CHECK(optimizer.learning_rate() == 0.05);
    CHECK(first[0] == Approx(-0.05 * 3 / (3 + 1e-8)).epsilon(1e-14));
    optimizer.update({3.0});
    CHECK(optimizer.learning_rate() == 0.2);
}

TEST_CASE("adam rejects bad options and inputs naming the value")
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const auto with = [](auto change) {
        adam_options<double> o;
        change(o);
        return o;
    };
    CHECK_THROWS_AS(adam<double>(2, with([](auto& o) { o.learning_rate = -0.1; })),
                    std::invalid_argument);
    CHECK_THROWS_WITH(adam<double>(2, with([](auto& o) { o.learning_rate = -0.1; })),
                      Contains("learning_rate = -0.1"));
    CHECK_THROWS_WITH(adam<double>(2, with([&](auto& o) { o.learning_rate = nan; })),
                      Contains("learning_rate = nan"));
    CHECK_THROWS_WITH(adam<double>(2, with([&](auto& o) { o.learning_rate = inf; })),
                      Contains("learning_rate = inf"));
    CHECK_THROWS_WITH(adam<double>(2, with([](auto& o) { o.beta1 = 1.0; })),
                      Contains("beta1 = 1") && Contains("[0, 1)"));
    CHECK_THROWS_WITH(adam<double>(2, with([](auto& o) { o.beta2 = -0.5; })),
                      Contains("beta2 = -0.5"));
    CHECK_THROWS_WITH(adam<double>(2, with([](auto& o) { o.epsilon = 0; })),
                      Contains("epsilon = 0"));
    CHECK_THROWS_WITH(adam<double>(2, with([](auto& o) { o.weight_decay = -1e-3; })),
                      Contains("weight_decay = -0.001"));
    CHECK_THROWS_WITH(adam<double>(2, with([](auto& o) { o.max_gradient_norm = 0; })),
                      Contains("max_gradient_norm = 0") && Contains("+infinity"));
    CHECK_THROWS_WITH(step_decay_schedule<double>(0, 0.5), Contains("every = 0"));
    CHECK_THROWS_WITH(step_decay_schedule<double>(5, -0.5), Contains("factor = -0.5"));
    CHECK_THROWS_WITH(cosine_schedule<double>(0), Contains("steps = 0"));

    adam<double> optimizer(3, with([](auto& o) { o.schedule = [](std::size_t s) {
                                       return s == 1 ? -2.0 : 1.0;
                                   }; }));
    vec theta = {1, 2, 3};
    CHECK_THROWS_WITH(optimizer.step(theta, {1, 2}),
                      Contains("gradient has 2 entries, the optimizer 3"));
    vec short_theta = {1, 2};
    CHECK_THROWS_WITH(optimizer.step(short_theta, {1, 2, 3}),
                      Contains("parameters has 2 entries, the optimizer 3"));
    CHECK_THROWS_WITH(optimizer.step(theta, {1, nan, 3}), Contains("gradient[1] = nan"));
    CHECK(optimizer.step_count() == 0);  // nothing changed
    CHECK(theta == vec{1, 2, 3});
    optimizer.step(theta, {1, 1, 1});
    CHECK_THROWS_WITH(optimizer.step(theta, {1, 1, 1}), Contains("schedule(1) = -2"));
    CHECK(optimizer.step_count() == 1);
}

TEST_CASE("adam works in float with the same first step")
{
    adam_options<float> o;
    o.learning_rate = 0.1f;
    o.schedule = cosine_schedule<float>(10);
    adam<float> optimizer(2, o);
    std::vector<float> theta = {1.0f, -1.0f};
    optimizer.step(theta, {2.0f, -0.5f});
    // Step 1 moves each coordinate by η = 0.1 against its gradient's sign (|g| ≫ ε); float
    // rounding of the moments and the bias correction: a few 1e-7 relative.
    CHECK(theta[0] == Approx(0.9f).epsilon(1e-6));
    CHECK(theta[1] == Approx(-0.9f).epsilon(1e-6));
}
