/*
 boost/numeric/odeint/integrate/detail/gradient_checks.hpp

 The checks of the gradient arguments of integrate_reversible and
 integrate_discrete_adjoint: a gradient of the state's size (check_same_size), and a grad_p of
 the size the system declares (check_parameter_gradient; the traits it asks are in
 system/detail/system_traits.hpp). All throw std::invalid_argument before the first step.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_GRADIENT_CHECKS_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_GRADIENT_CHECKS_HPP_INCLUDED

#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/same_size.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/system/detail/system_traits.hpp>
#include <boost/numeric/odeint/util/detail/container_traits.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// Throws std::invalid_argument unless `gradient` has the size of `state`, naming both sizes
/// where the types tell them (size()).
template <class Gradient, class State>
void check_same_size(const char* who, const char* what, const Gradient& gradient,
                     const State& state)
{
    if constexpr (is_resizeable<Gradient>::value && is_resizeable<State>::value)
        if (!same_size(gradient, state))
        {
            std::string sizes;
            if constexpr (detail::has_size_member<Gradient>::value &&
                          detail::has_size_member<State>::value)
                sizes = " (it has size " + std::to_string(gradient.size()) +
                        ", the state size " + std::to_string(state.size()) + ")";
            throw std::invalid_argument(std::string(who) + ": " + what +
                                        " does not have the size of the state" + sizes);
        }
}

/// The gradient contract: when the system declares its parameter count (parameter_count()
/// or a static parameter_count), grad_p must have exactly that many entries, and when it (or
/// a driven system's field(): an SDE of MLP fields) declares required_parameter_count(), at
/// least that many; otherwise std::invalid_argument before the forward solve. (The vjp
/// indexes grad_p; a short one would be written past its end, or be caught by the vjp only
/// after x has been overwritten.) A system that declares nothing is trusted.
template <class System, class ParameterGradient>
void check_parameter_gradient(const char* who, const System& system,
                              const ParameterGradient& grad_p)
{
    using system_type = typename odeint::unwrap_reference<System>::type;
    if constexpr (has_size<ParameterGradient>::value)
    {
        const system_type& sys = system;
        std::size_t required = 0;
        if constexpr (has_required_parameter_count<system_type>::value)
            required = static_cast<std::size_t>(sys.required_parameter_count());
        else if constexpr (has_field_with_required_parameter_count<system_type>::value)
            required = static_cast<std::size_t>(sys.field().required_parameter_count());
        if (static_cast<std::size_t>(std::size(grad_p)) < required)
            throw std::invalid_argument(
                std::string(who) + ": grad_p has size " +
                std::to_string(static_cast<std::size_t>(std::size(grad_p))) +
                " but the system's vjp adds to entries below required_parameter_count() = " +
                std::to_string(required) + "; grad_p needs at least that many");
        std::size_t count = 0;
        if constexpr (has_parameter_count_function<system_type>::value)
            count = static_cast<std::size_t>(sys.parameter_count());
        else if constexpr (has_parameter_count_member<system_type>::value)
            count = static_cast<std::size_t>(system_type::parameter_count);
        else
            return;
        const auto size = static_cast<std::size_t>(std::size(grad_p));
        if (size != count)
            throw std::invalid_argument(std::string(who) + ": grad_p has size " +
                                        std::to_string(size) + " but the system declares " +
                                        "parameter_count = " + std::to_string(count));
    }
    else
    {
        static_cast<void>(who);
        static_cast<void>(system);
        static_cast<void>(grad_p);
    }
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_DETAIL_GRADIENT_CHECKS_HPP_INCLUDED
