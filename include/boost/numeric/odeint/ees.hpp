/*
 boost/numeric/odeint/ees.hpp

 Everything of the EES plugin for Boost.Odeint in one include: the explicit and effectively
 symmetric Runge–Kutta steppers ees25 and ees27 (with inverse_do_step and driven-system
 stepping, error estimate and dense output), the reversible_heun baseline, driven systems
 and Stratonovich SDE adaptors, the reproducible Brownian paths brownian_path and
 virtual_brownian_tree, and the gradient integrators integrate_reversible and
 integrate_discrete_adjoint; odeint's integrate_const, integrate_n_steps, integrate_adaptive
 and integrate_times check their time arguments for these steppers
 (integrate/checked_integrate.hpp). Not included, each a header of its own: the neural
 networks (nn/: the MLP and its vector field nn/mlp.hpp, the batched MLP field
 nn/batched_mlp.hpp, which needs Eigen, the Adam optimiser nn/adam.hpp), the batched paths
 and thread blocks (noise/batched_brownian_path.hpp, util/batched_blocks.hpp: nothing beyond
 this library, -pthread for run_blocks), the MPI sums (util/mpi_block_sum.hpp, needs
 Boost.MPI), the exact coefficients of any family member (stepper/ees_exact_coefficients.hpp,
 needs Boost.Multiprecision) and the Thrust layer (external/thrust/, needs Thrust).

 The Brownian paths draw their noise from boost/random/philox.hpp in boost_ext/, so a
 program that includes this header needs both include directories: -I include -I boost_ext
 (an installed copy puts both in one directory; find_package(odeint_ees) sets them up).
 From boost_ext/ it also takes integrate_n_steps for dense-output steppers, which corrects
 Boost.Odeint's loop for steps backwards in time (integrate_n_steps_dense_output.hpp).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EES_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EES_HPP_INCLUDED

#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/noise/virtual_brownian_tree.hpp>
#include <boost/numeric/odeint/system/driven_system.hpp>
#include <boost/numeric/odeint/system/driven_equation.hpp>
#include <boost/numeric/odeint/system/stratonovich_sde.hpp>
#include <boost/numeric/odeint/system/ito_sde.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>
#include <boost/numeric/odeint/stepper/ees27.hpp>
#include <boost/numeric/odeint/stepper/reversible_heun.hpp>
#include <boost/numeric/odeint/stepper/controlled_driven_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/generation/generation_ees.hpp>
#include <boost/numeric/odeint/integrate/integrate_n_steps_dense_output.hpp>
#include <boost/numeric/odeint/integrate/integrate_reversible.hpp>
#include <boost/numeric/odeint/integrate/integrate_discrete_adjoint.hpp>
#include <boost/numeric/odeint/integrate/checked_integrate.hpp>

#endif // BOOST_NUMERIC_ODEINT_EES_HPP_INCLUDED
