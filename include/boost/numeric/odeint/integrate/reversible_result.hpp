/*
 boost/numeric/odeint/integrate/reversible_result.hpp

 reversible_result: what the gradient integrators (integrate_reversible,
 integrate_discrete_adjoint) report besides the gradients.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_REVERSIBLE_RESULT_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_REVERSIBLE_RESULT_HPP_INCLUDED

#include <cstddef>

namespace boost {
namespace numeric {
namespace odeint {

/// What integrate_reversible and integrate_discrete_adjoint report.
template <class Value>
struct reversible_result
{
    std::size_t steps = 0;             ///< steps of the forward solve
    Value reconstruction_error = 0;    ///< max-norm of x̂(t_k) − x(t_k) at the checkpoints
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_REVERSIBLE_RESULT_HPP_INCLUDED
