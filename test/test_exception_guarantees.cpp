// The exception guarantees of doc/reference.md ("Exception guarantees"), checked by injecting a
// throw at a chosen call of the user's system, vjp, observer or gradient callback (issue 20):
//   do_step, inverse_do_step                 strong: x (and the stepper's state) unchanged
//   integrate_const/_n_steps/_adaptive/_times basic: x is the state after the last completed
//                                            step, the observer saw the times up to it
//   integrate_reversible,                    grad_x0 and grad_p strong (unchanged); x basic:
//   integrate_discrete_adjoint               a state of the forward solve (x(t1) once the
//                                            backward pass has started)
//   run_blocks                               the first exception, after every thread stopped
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/util/batched_blocks.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "gradient_support.hpp"

using namespace boost::numeric::odeint;
using vec = std::vector<double>;

namespace {

struct injected_failure : std::runtime_error
{
    injected_failure() : std::runtime_error("injected failure") {}
};

/// Counts calls; throws injected_failure at call number `fail_at` (1-based; 0: never).
struct call_counter
{
    std::size_t calls = 0, fail_at = 0;
    void tick()
    {
        if (++calls == fail_at)
            throw injected_failure();
    }
};

/// The damped pendulum whose evaluations and vjps are counted and can fail. Copies share the
/// counters (odeint copies systems).
struct failing_pendulum
{
    std::shared_ptr<call_counter> evaluations = std::make_shared<call_counter>();
    std::shared_ptr<call_counter> vjps = std::make_shared<call_counter>();
    ees_test::damped_pendulum pendulum;
    static constexpr std::size_t parameter_count = 2;

    template <class State, class Deriv>
    void operator()(const State& y, Deriv& f, double t) const
    {
        evaluations->tick();
        pendulum(y, f, t);
    }
    template <class State, class Vector, class Adjoint, class ParameterAdjoint>
    void vjp(const State& y, double t, const Vector& v, Adjoint& adj_y,
             ParameterAdjoint& adj_p) const
    {
        pendulum.vjp(y, t, v, adj_y, adj_p);  // adds first, then fails: a partial update
        vjps->tick();
    }
};

const vec x0{1.0, 0.5};
const double t1 = 1.0, dt = 0.125;

/// The states of the forward solve x(0), x(dt), ..., x(t1) with stepper S.
template <class Stepper>
std::vector<vec> forward_states()
{
    Stepper stepper;
    std::vector<vec> states{x0};
    vec x = x0;
    for (int n = 0; n < 8; ++n)
    {
        stepper.do_step(ees_test::damped_pendulum(), x, n * dt, dt);
        states.push_back(x);
    }
    return states;
}

bool is_one_of(const vec& x, const std::vector<vec>& states)
{
    for (const auto& s : states)
        if (s == x)
            return true;
    return false;
}

const auto terminal = [](const vec& x, vec& a) { a = x; };

template <class Stepper, class Integrate>
void check_gradients_strong(Integrate integrate)
{
    const std::vector<vec> states = forward_states<Stepper>();
    const vec grad_x0_before{7.0, -7.0}, grad_p_before{0.25, -0.5};

    SECTION("a vjp that throws mid-backward (after adding to grad_p)")
    {
        failing_pendulum system;
        system.vjps->fail_at = 5;
        vec x = x0, grad_x0 = grad_x0_before, grad_p = grad_p_before;
        CHECK_THROWS_AS(integrate(Stepper(), system, x, 0.0, t1, dt, terminal, grad_x0, grad_p),
                        injected_failure);
        CHECK(system.vjps->calls == 5);
        CHECK(grad_p == grad_p_before);
        CHECK(grad_x0 == grad_x0_before);
        CHECK(x == states.back());  // basic: x(t1), the forward solve having completed
    }
    SECTION("the system throwing in the forward solve")
    {
        failing_pendulum system;
        system.evaluations->fail_at = 9;
        vec x = x0, grad_x0 = grad_x0_before, grad_p = grad_p_before;
        CHECK_THROWS_AS(integrate(Stepper(), system, x, 0.0, t1, dt, terminal, grad_x0, grad_p),
                        injected_failure);
        CHECK(grad_p == grad_p_before);
        CHECK(grad_x0 == grad_x0_before);
        CHECK(is_one_of(x, states));      // basic: the state of the last completed step
        CHECK(x != states.back());
    }
    SECTION("the terminal gradient throwing")
    {
        failing_pendulum system;
        vec x = x0, grad_x0 = grad_x0_before, grad_p = grad_p_before;
        CHECK_THROWS_AS(integrate(Stepper(), system, x, 0.0, t1, dt,
                                  [](const vec&, vec&) { throw injected_failure(); }, grad_x0,
                                  grad_p),
                        injected_failure);
        CHECK(grad_p == grad_p_before);
        CHECK(grad_x0 == grad_x0_before);
        CHECK(x == states.back());
    }
    SECTION("an observation gradient throwing at an intermediate time")
    {
        failing_pendulum system;
        const std::vector<double> times{0.0, 0.5, 1.0};
        vec x = x0, grad_x0 = grad_x0_before, grad_p = grad_p_before;
        const auto observation = [](std::size_t k, const vec& xk, double, vec& a) {
            if (k == 1)
                throw injected_failure();
            for (std::size_t i = 0; i < a.size(); ++i)
                a[i] += xk[i];
        };
        CHECK_THROWS_AS(integrate(Stepper(), system, x, times.begin(), times.end(), dt,
                                  observation, grad_x0, grad_p),
                        injected_failure);
        CHECK(system.vjps->calls > 0);  // the last segment's steps had been backpropagated
        CHECK(grad_p == grad_p_before);
        CHECK(grad_x0 == grad_x0_before);
        CHECK(x == states.back());
    }
    SECTION("without a throw the same calls add the gradient to grad_p")
    {
        failing_pendulum system;
        vec x = x0, grad_x0 = grad_x0_before, grad_p = grad_p_before;
        integrate(Stepper(), system, x, 0.0, t1, dt, terminal, grad_x0, grad_p);
        CHECK(grad_p != grad_p_before);
        vec zero_p{0.0, 0.0}, y = x0, g(2);
        integrate(Stepper(), ees_test::damped_pendulum(), y, 0.0, t1, dt, terminal, g, zero_p);
        CHECK(grad_p[0] == Approx(grad_p_before[0] + zero_p[0]).epsilon(1e-14));
        CHECK(grad_p[1] == Approx(grad_p_before[1] + zero_p[1]).epsilon(1e-14));
    }
}

const auto reversible = [](auto&&... args) { return integrate_reversible(args...); };
const auto stored = [](auto&&... args) { return integrate_discrete_adjoint(args...); };

} // namespace

TEST_CASE("integrate_reversible leaves the gradients unchanged when a callback throws")
{
    SECTION("ees25") { check_gradients_strong<ees25<vec>>(reversible); }
    SECTION("ees27") { check_gradients_strong<ees27<vec>>(reversible); }
    SECTION("reversible_heun") { check_gradients_strong<reversible_heun<vec>>(reversible); }
}

TEST_CASE("integrate_discrete_adjoint leaves the gradients unchanged when a callback throws")
{
    SECTION("ees25") { check_gradients_strong<ees25<vec>>(stored); }
    SECTION("reversible_heun") { check_gradients_strong<reversible_heun<vec>>(stored); }
}

TEMPLATE_TEST_CASE("do_step and inverse_do_step leave x and the stepper unchanged when the "
                   "system throws", "", ees25<vec>, ees27<vec>, reversible_heun<vec>)
{
    // Each of the evaluations a step makes, in turn, fails.
    std::size_t evaluations = 0;
    {
        failing_pendulum counted;
        TestType stepper;
        vec x = x0;
        stepper.do_step(counted, x, 0.0, dt);
        stepper.do_step(counted, x, dt, dt);
        evaluations = counted.evaluations->calls / 2;
    }
    REQUIRE(evaluations >= 1);
    for (std::size_t fail_at = 1; fail_at <= evaluations; ++fail_at)
    {
        TestType stepper, fresh;
        // One step first, so that reversible_heun's auxiliary state is in use.
        vec x = x0, x_fresh = x0;
        stepper.do_step(ees_test::damped_pendulum(), x, 0.0, dt);
        fresh.do_step(ees_test::damped_pendulum(), x_fresh, 0.0, dt);
        const vec x1 = x;
        failing_pendulum system;
        system.evaluations->fail_at = fail_at;
        CHECK_THROWS_AS(stepper.do_step(system, x, dt, dt), injected_failure);
        CHECK(x == x1);
        failing_pendulum inverse_system;
        inverse_system.evaluations->fail_at = fail_at;
        CHECK_THROWS_AS(stepper.inverse_do_step(inverse_system, x, 0.0, dt), injected_failure);
        CHECK(x == x1);
        // The stepper goes on as one that never saw the failures.
        stepper.do_step(ees_test::damped_pendulum(), x, dt, dt);
        fresh.do_step(ees_test::damped_pendulum(), x_fresh, dt, dt);
        CHECK(x == x_fresh);
    }
}

TEST_CASE("integrate_const leaves x at its last completed step when the observer throws")
{
    const std::vector<vec> states = forward_states<ees25<vec>>();
    vec x = x0;
    std::vector<double> seen;
    CHECK_THROWS_AS(integrate_const(ees25<vec>(), ees_test::damped_pendulum(), x, 0.0, t1, dt,
                                    [&](const vec&, double t) {
                                        seen.push_back(t);
                                        if (seen.size() == 4)
                                            throw injected_failure();
                                    }),
                    injected_failure);
    CHECK(seen == std::vector<double>{0.0, dt, 2 * dt, 3 * dt});
    CHECK(x == states[3]);
}

TEST_CASE("run_blocks rethrows the first exception after every thread has stopped")
{
    for (std::size_t threads : {1, 2, 4})
    {
        std::atomic<int> running{0}, started{0};
        const block_plan plan(200, 1);
        std::vector<int> done(plan.blocks(), 0);
        CHECK_THROWS_AS(run_blocks(plan, threads,
                                   [&](std::size_t i) {
                                       ++running;
                                       ++started;
                                       if (i == 10)
                                       {
                                           --running;
                                           throw injected_failure();
                                       }
                                       // 1 ms a block: the failure is caught long before
                                       // the other threads could run out of blocks.
                                       std::this_thread::sleep_for(std::chrono::milliseconds(1));
                                       done[i] = 1;
                                       --running;
                                   }),
                        injected_failure);
        CHECK(running == 0);  // no block still running when run_blocks has thrown
        CHECK(done[10] == 0);
        // The blocks not yet started when the failure was caught never run. (How many start
        // between the throw and its catch depends on the machine; 100 is far above it.)
        CHECK(started < 100);
    }
}
