// Training a neural SDE on your own data (doc/training.md shows this file whole).
//   data    the true SDE dX = (μ − X) dt + σ X ∘ dW, solved finely on P Brownian paths,
//           observed at t = 0, 0.25, ..., 1
//   model   dY = f_θ(t, Y) dt + g_θ(Y) ∘ dW, f and g small MLPs (nn/mlp.hpp), driven by
//           the same Brownian paths
//   loss    the mean over paths, observations and components of (Y(t_k) − X(t_k))²
//   train   gradients by integrate_reversible (memory independent of the steps), Adam
//           (nn/adam.hpp); one line per epoch; the losses go to training_losses.csv
// Exits 1 unless the loss falls. Arguments: [epochs (default 40)] [paths (default 16)].
#include <boost/numeric/odeint/ees.hpp>
#include <boost/numeric/odeint/nn/adam.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace odeint = boost::numeric::odeint;
using vec = std::vector<double>;

int main(int argc, char** argv)
{
    const int epochs = argc > 1 ? std::atoi(argv[1]) : 40;
    const std::size_t paths = argc > 2 ? std::size_t(std::atoi(argv[2])) : 16;
    if (epochs < 2 || paths < 1)
        return std::fprintf(stderr, "usage: %s [epochs >= 2] [paths >= 1]\n", argv[0]), 2;
    const std::size_t d = 2, width = 16;                 // state dimension, MLP hidden width
    const double T = 1.0, h = T / 200, dt = 4 * h;      // Brownian grid step, model's step
    const vec times = {0.0, 0.25, 0.5, 0.75, 1.0}, x0 = {1.0, 0.5};
    const std::uint64_t seed = 2026;
    // Brownian path p of the seed: the same noise for the data and for the model.
    const auto noise = [&](std::size_t p) {
        return odeint::brownian_path<double>(seed, 0.0, T, 200, d, p);
    };

    // 1. Data: data[p][k] = X(t_k) on path p (ees25 at the grid step).
    const auto true_drift = [](const vec& x, vec& f, double) {
        f[0] = 0.5 - x[0];
        f[1] = -1.0 - x[1];
    };
    const auto true_diffusion = [](const vec& x, vec& g, double) {
        g[0] = 0.3 * x[0];
        g[1] = 0.2 * x[1];
    };
    std::vector<std::vector<vec>> data(paths);
    for (std::size_t p = 0; p < paths; ++p)
    {
        const auto sde = odeint::make_stratonovich_sde<vec>(true_drift, true_diffusion,
                                                            noise(p), odeint::diagonal_noise());
        vec x = x0;
        odeint::integrate_times(odeint::ees25<vec>(), sde, x, times.begin(), times.end(), h,
                                [&](const vec& y, double) { data[p].push_back(y); });
    }

    // 2. Model: drift MLP([y, t]) with two hidden layers, diffusion tanh(MLP(y)) with one.
    // θ = (drift θ, diffusion θ): the diffusion's parameters start at the drift's count, the
    // layout of the gradient integrate_reversible returns and of the optimizer's vector.
    odeint::mlp<double> drift_net({d + 1, width, width, d}, odeint::mlp_activation::lipswish, 1);
    odeint::mlp<double> diffusion_net({d, width, d}, odeint::mlp_activation::lipswish, 2,
                                      odeint::mlp_output_activation::tanh);
    const std::size_t n_drift = drift_net.parameter_count();
    vec theta = drift_net.parameters();
    theta.insert(theta.end(), diffusion_net.parameters().begin(), diffusion_net.parameters().end());

    // 3. The optimizer: Adam, rate 1e-2 decaying to 1e-3 by a cosine, gradients clipped at 1.
    odeint::adam_options<double> options;
    options.learning_rate = 1e-2;
    options.schedule = odeint::cosine_schedule<double>(std::size_t(epochs), 0.1);
    options.max_gradient_norm = 1.0;
    odeint::adam<double> optimizer(theta.size(), options);

    std::FILE* csv = std::fopen("training_losses.csv", "w");
    if (!csv)
        return std::fprintf(stderr, "cannot write training_losses.csv\n"), 2;
    std::fprintf(csv, "epoch,loss\n");
    const double scale = 1.0 / double(paths * times.size() * d);
    double first_loss = 0, loss = 0;
    for (int epoch = 1; epoch <= epochs; ++epoch)
    {
        // The model's fields with the current θ (the SDE keeps copies: rebuild after a step).
        const odeint::mlp_vector_field<double> drift(drift_net, odeint::mlp_time::input);
        const odeint::mlp_vector_field<double> diffusion(diffusion_net, odeint::mlp_time::ignored,
                                                         n_drift);
        loss = 0;
        vec gradient(theta.size(), 0.0);
        for (std::size_t p = 0; p < paths; ++p)
        {
            const auto sde = odeint::make_stratonovich_sde<vec>(drift, diffusion, noise(p),
                                                                odeint::diagonal_noise());
            // 4. The loss at the observation times: observe adds dL/dY(t_k) to a.
            const auto observe = [&](std::size_t k, const vec& y, double, vec& a) {
                for (std::size_t i = 0; i < d; ++i)
                {
                    const double e = y[i] - data[p][k][i];
                    loss += scale * e * e;
                    a[i] += 2 * scale * e;
                }
            };
            vec y = x0, grad_y0(d);
            // 5. Reversible gradients: dL/dθ is added to `gradient`.
            odeint::integrate_reversible(odeint::ees25<vec>(), sde, y, times.begin(), times.end(),
                                         dt, observe, grad_y0, gradient);
        }
        // 6. One Adam step on θ, then θ back into the two networks.
        optimizer.step(theta, gradient);
        std::copy(theta.begin(), theta.begin() + long(n_drift), drift_net.parameters().begin());
        std::copy(theta.begin() + long(n_drift), theta.end(), diffusion_net.parameters().begin());
        if (epoch == 1)
            first_loss = loss;
        std::printf("epoch %3d  loss %.6e  |gradient| %.3e  learning rate %.2e\n", epoch, loss,
                    optimizer.gradient_norm(), optimizer.learning_rate());
        std::fprintf(csv, "%d,%.10e\n", epoch, loss);
    }
    std::fclose(csv);
    std::printf("loss %.6e -> %.6e over %d epochs; training_losses.csv written\n", first_loss,
                loss, epochs);
    return loss < 0.5 * first_loss ? 0 : 1;  // the loss must at least halve
}
