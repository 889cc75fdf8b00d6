// Neural SDE training on the Ornstein–Uhlenbeck process (Shmelev & Salvi's experiment):
//     dX = theta (mu - X) dt + sigma dW,  theta = 0.2, mu = 0.1, sigma = 2, X(0) = 1, T = 10,
// observed at t = 0.5, 1, ..., 10. The same neural SDE model and solver comparison as
// stiff_gbm.cpp: reversible_heun at dt = 1/12 (1 evaluation a step), ees25 at 1/4 (3),
// ees27 at 1/3 (4). --step-scale multiplies all three steps, to find where each fails.
//
//   ou                                     short run (CI smoke test)
//   ou --full --csv doc/figures/ou.csv
//   ou --full --step-scale 4 --csv doc/figures/ou_large_step.csv
#include "neural_sde_training.hpp"


namespace {

using neural_sde::vec;

neural_sde::problem ornstein_uhlenbeck()
{
    const double theta = 0.2, mu = 0.1, sigma = 2.0;
    neural_sde::problem pr;
    pr.name = "ou";
    pr.dimension = 1;
    pr.T = 10.0;
    for (int k = 0; k <= 20; ++k)
        pr.observation_times.push_back(0.5 * k);
    pr.grid_steps = 1200;  // dt = 1/120 contains 1/12, 1/4, 1/3, their multiples and 0.5
    pr.diffusion_scale = 4.0;  // bounds the model's diffusion
    pr.x0 = vec{1.0};
    pr.true_drift = [=](const vec& x, vec& f, double) { f[0] = theta * (mu - x[0]); };
    pr.true_diffusion = [=](const vec&, vec& g, double) { g[0] = sigma; };
    return pr;
}

} // namespace

int main(int argc, char** argv)
{
    return neural_sde::main(argc, argv, ornstein_uhlenbeck, /*quick paths*/ 8,
                            /*full epochs*/ 300, /*full paths*/ 64, /*reversible Heun dt*/ 1.0 / 12);
}
