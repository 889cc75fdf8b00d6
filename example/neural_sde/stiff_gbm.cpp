// Neural SDE training on stiff geometric Brownian motion (Shmelev & Salvi's experiment):
//     dX = A X dt + sigma X ∘ dW,  A = Q diag(linspace(-20, 0, 25)) Qᵀ,  sigma = 0.1,
//     X(0) = 1, T = 1, observed at t = 0, 0.1, ..., 1,
// with Q a fixed random orthogonal matrix. A neural SDE (MLP drift of width 32 with time
// input, diagonal MLP diffusion) driven by the same Brownian paths is fitted to the
// pathwise MSE with Adam. Gradients: integrate_reversible with reversible_heun (dt = 1/120),
// ees25 (1/40) and ees27 (1/30), equal evaluations per unit time; each checked against the
// store-everything adjoint. The paths run in batched blocks on --threads threads.
//
//   stiff_gbm                 short run (CI smoke test)
//   stiff_gbm --float         the same in float32 (fields, paths, states, steps; parameters,
//                             loss and the parameter gradient's sums in double)
//   stiff_gbm --paths 10000 --threads 2 --solver ees25
//   stiff_gbm --full --csv doc/figures/stiff_gbm.csv
#include "stiff_gbm_problem.hpp"

int main(int argc, char** argv)
{
    return neural_sde::main(argc, argv, neural_sde::stiff_gbm, /*quick paths*/ 4, /*full epochs*/ 200,
                            /*full paths*/ 32, /*reversible Heun dt*/ 1.0 / 120);
}
