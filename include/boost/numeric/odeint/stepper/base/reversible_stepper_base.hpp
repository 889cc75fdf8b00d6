/*
 boost/numeric/odeint/stepper/base/reversible_stepper_base.hpp

 The CRTP base of the library's explicit steppers (ees_generic_rk, reversible_heun), in the
 manner of odeint's explicit_stepper_base and explicit_error_stepper_fsal_base: it holds the
 algebra, the types, and odeint's whole do_step overload set once, and forwards every form to
 a few steps the derived stepper implements. A form's signature and its constraints are those
 of odeint's stepper concept, so odeint's integrate functions and ranges use the derived
 stepper as they use runge_kutta4.

 Category is the derived stepper's stepper_category:
   - stepper_tag (reversible_heun): the four do_step forms and the two do_step_dxdt_impl
     forms; a given derivative is passed to the derived step and left as it is;
   - explicit_error_stepper_fsal_tag (ees_generic_rk): the same, and the error forms
     (xerr) and the first-same-as-last forms (dxdt_in, dxdt_out); the in-place derivative
     form advances dxdt to f(x(t + dt), t + dt), as in odeint's first-same-as-last steppers.
 Both get inverse_do_step, the step run backwards from t + dt to t.

 What the derived stepper Stepper provides (it befriends this base; none of it is public):
   name()                                               the name in error messages
   step(sys, in, t, out, dt)                            out = Φ_dt(in)
   step_with_derivative(sys, in, dxdt, t, out, dt)      the same, dxdt = f(in, t) given
   step_over(sys, in, t, out, dt, from, to, reuse)      the step with the increment taken
                                                        over [from, to] (stage_driver.hpp)
 and, for explicit_error_stepper_fsal_tag,
   step_with_error(sys, in, t, out, dt, xerr)           the step and its error estimate
   estimate_error(dxdt, dt, xerr)                       the estimate of the step just taken
 `sys` is the system as the caller passed it (a reference_wrapper too) where a form passes it
 on, the unwrapped system where the form itself evaluates it.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_BASE_REVERSIBLE_STEPPER_BASE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_BASE_REVERSIBLE_STEPPER_BASE_HPP_INCLUDED

#include <type_traits>

#include <boost/numeric/odeint/stepper/base/algebra_stepper_base.hpp>
#include <boost/numeric/odeint/stepper/stepper_categories.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

#include <boost/numeric/odeint/stepper/detail/check_step_size.hpp>
#include <boost/numeric/odeint/stepper/detail/stage_driver.hpp>
#include <boost/numeric/odeint/system/driven_system.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class Stepper, class Category, class State, class Value, class Deriv, class Time,
          class Algebra, class Operations, class Resizer>
class reversible_stepper_base : public algebra_stepper_base<Algebra, Operations>
{
    static_assert(std::is_same<Category, stepper_tag>::value ||
                      std::is_same<Category, explicit_error_stepper_fsal_tag>::value,
                  "reversible_stepper_base provides the forms of stepper_tag and of "
                  "explicit_error_stepper_fsal_tag only");

    // Whether the error and first-same-as-last forms exist; a function template's own
    // parameter D makes the test a substitution, not a hard error, in the other category.
    template <class D>
    static constexpr bool fsal_v =
        std::is_same<Category, explicit_error_stepper_fsal_tag>::value && sizeof(D) != 0;

    // Whether a form taking T where the others take a time is meant: false for T the time
    // type itself, whose call has the shape of another form.
    template <class T>
    static constexpr bool not_time_v = !std::is_same<std::decay_t<T>, Time>::value;

public:
    using algebra_stepper_base_type = algebra_stepper_base<Algebra, Operations>;
    using state_type = State;
    using value_type = Value;
    using deriv_type = Deriv;
    using time_type = Time;
    using resizer_type = Resizer;
    using algebra_type = typename algebra_stepper_base_type::algebra_type;
    using operations_type = typename algebra_stepper_base_type::operations_type;
    using stepper_category = Category;
    using order_type = unsigned short;

    // --- the forms of every stepper ----------------------------------------------------------

    /// x(t) -> x(t + dt) in place.
    template <class System, class StateInOut>
    void do_step(System system, StateInOut& x, time_type t, time_type dt)
    {
        stepper().step(system, x, t, x, dt);
    }

    /// Overload for ranges passed as temporaries (boost::make_iterator_range and friends).
    template <class System, class StateInOut>
    void do_step(System system, const StateInOut& x, time_type t, time_type dt)
    {
        stepper().step(system, x, t, const_cast<StateInOut&>(x), dt);
    }

    /// out = x(t + dt) from in = x(t). (An error stepper disables it for a state of the time
    /// type itself, whose five-argument call is the error form, as in odeint's error
    /// steppers.)
    template <class System, class StateIn, class StateOut>
    std::enable_if_t<!fsal_v<System> || not_time_v<StateIn>>
    do_step(System system, const StateIn& in, time_type t, StateOut& out, time_type dt)
    {
        stepper().step(system, in, t, out, dt);
    }

    /// x(t) -> x(t + dt) in place with dxdt = f(x, t) given, dxdt left as it is.
    template <class System, class StateInOut, class DerivIn>
    std::enable_if_t<!fsal_v<System> && not_time_v<DerivIn>>
    do_step(System system, StateInOut& x, const DerivIn& dxdt, time_type t, time_type dt)
    {
        stepper().step_with_derivative(system, x, dxdt, t, x, dt);
    }

    /// out = x(t + dt) from in = x(t) and dxdt = f(in, t), dxdt left as it is.
    template <class System, class StateIn, class DerivIn, class StateOut>
    void do_step(System system, const StateIn& in, const DerivIn& dxdt, time_type t,
                 StateOut& out, time_type dt)
    {
        stepper().step_with_derivative(system, in, dxdt, t, out, dt);
    }

    /// x(t) -> x(t + dt) in place from dxdt = f(x, t), dxdt left as it is: what a multistep
    /// method (adams_bashforth) asks of the stepper that starts it.
    template <class System, class StateInOut, class DerivIn>
    void do_step_dxdt_impl(System system, StateInOut& x, const DerivIn& dxdt, time_type t,
                           time_type dt)
    {
        stepper().step_with_derivative(system, x, dxdt, t, x, dt);
    }

    /// out = x(t + dt) from in = x(t) and dxdt = f(in, t), dxdt left as it is.
    template <class System, class StateIn, class DerivIn, class StateOut>
    void do_step_dxdt_impl(System system, const StateIn& in, const DerivIn& dxdt, time_type t,
                           StateOut& out, time_type dt)
    {
        stepper().step_with_derivative(system, in, dxdt, t, out, dt);
    }

    // --- the first-same-as-last and error forms (explicit_error_stepper_fsal_tag) -------------

    /// x(t) -> x(t + dt) in place from dxdt = f(x, t); dxdt advances to f(x(t + dt), t + dt)
    /// (ODE systems only).
    template <class System, class StateInOut, class DerivInOut>
    std::enable_if_t<fsal_v<System> && not_time_v<DerivInOut>>
    do_step(System system, StateInOut& x, DerivInOut& dxdt, time_type t, time_type dt)
    {
        typename odeint::unwrap_reference<System>::type& sys = system;
        stepper().step_with_derivative(sys, x, dxdt, t, x, dt);
        sys(x, dxdt, static_cast<time_type>(t + dt));
    }

    /// x(t) -> x(t + dt) in place, with the error estimate in xerr (the derived stepper's
    /// estimate_error and step_with_error say which). (For a state of the time type itself
    /// this has the shape of do_step(sys, in, t, out, dt); as for odeint's error steppers,
    /// the error form is the one.)
    template <class System, class StateInOut, class Err>
    std::enable_if_t<fsal_v<System>>
    do_step(System system, StateInOut& x, time_type t, time_type dt, Err& xerr)
    {
        stepper().step_with_error(system, x, t, x, dt, xerr);
    }

    /// Overload for ranges passed as temporaries.
    template <class System, class StateInOut, class Err>
    std::enable_if_t<fsal_v<System>>
    do_step(System system, const StateInOut& x, time_type t, time_type dt, Err& xerr)
    {
        stepper().step_with_error(system, x, t, const_cast<StateInOut&>(x), dt, xerr);
    }

    /// x(t) -> x(t + dt) in place from dxdt = f(x, t), with the error estimate; dxdt advances
    /// to f(x(t + dt), t + dt) (ODE systems only).
    template <class System, class StateInOut, class DerivInOut, class Err>
    std::enable_if_t<fsal_v<System> && not_time_v<DerivInOut>>
    do_step(System system, StateInOut& x, DerivInOut& dxdt, time_type t, time_type dt,
            Err& xerr)
    {
        typename odeint::unwrap_reference<System>::type& sys = system;
        stepper().step_with_derivative(sys, x, dxdt, t, x, dt);
        stepper().estimate_error(dxdt, dt, xerr);
        sys(x, dxdt, static_cast<time_type>(t + dt));
    }

    /// out = x(t + dt) from in = x(t), with the error estimate.
    template <class System, class StateIn, class StateOut, class Err>
    std::enable_if_t<fsal_v<System>>
    do_step(System system, const StateIn& in, time_type t, StateOut& out, time_type dt,
            Err& xerr)
    {
        stepper().step_with_error(system, in, t, out, dt, xerr);
    }

    /// First-same-as-last form used by controlled_runge_kutta: dxdt_in = f(in, t) is given,
    /// dxdt_out = f(out, t + dt) is returned (the next step's first stage).
    template <class System, class StateIn, class DerivIn, class StateOut, class DerivOut,
              class Err>
    std::enable_if_t<fsal_v<System>>
    do_step(System system, const StateIn& in, const DerivIn& dxdt_in, time_type t,
            StateOut& out, DerivOut& dxdt_out, time_type dt, Err& xerr)
    {
        static_assert(!is_driven_system_v<System>,
                      "a driven system has no derivative to pass to do_step; "
                      "use do_step(system, x, t, dt)");
        typename odeint::unwrap_reference<System>::type& sys = system;
        stepper().step_with_derivative(sys, in, dxdt_in, t, out, dt);
        stepper().estimate_error(dxdt_in, dt, xerr);
        sys(out, dxdt_out, t + dt);
    }

    /// First-same-as-last form without the error estimate.
    template <class System, class StateIn, class DerivIn, class StateOut, class DerivOut>
    std::enable_if_t<fsal_v<System>>
    do_step(System system, const StateIn& in, const DerivIn& dxdt_in, time_type t,
            StateOut& out, DerivOut& dxdt_out, time_type dt)
    {
        static_assert(!is_driven_system_v<System>,
                      "a driven system has no derivative to pass to do_step; "
                      "use do_step(system, x, t, dt)");
        typename odeint::unwrap_reference<System>::type& sys = system;
        stepper().step_with_derivative(sys, in, dxdt_in, t, out, dt);
        sys(out, dxdt_out, t + dt);
    }

    // --- the backward step ------------------------------------------------------------------

    /// Undoes do_step(system, x, t, dt): on entry x is the state at t + dt, on exit the
    /// reconstructed state at t (the same step from t + dt with step −dt; for a driven system
    /// the increment of the control over [t, t + dt], negated: the forward noise, which the
    /// stepper keeps for an adjoint_step of the same step).
    template <class System, class StateInOut>
    void inverse_do_step(System system, StateInOut& x, time_type t, time_type dt)
    {
        inverse_step(system, x, t, x, dt);
    }

    /// out = reconstructed state at t from in = state at t + dt.
    template <class System, class StateIn, class StateOut>
    void inverse_do_step(System system, const StateIn& in, time_type t, StateOut& out,
                         time_type dt)
    {
        inverse_step(system, in, t, out, dt);
    }

protected:
    explicit reversible_stepper_base(const algebra_type& algebra)
        : algebra_stepper_base_type(algebra)
    {
    }

private:
    Stepper& stepper() { return *static_cast<Stepper*>(this); }

    template <class System, class StateIn, class StateOut>
    void inverse_step(System& system, const StateIn& in, time_type t, StateOut& out,
                      time_type dt)
    {
        detail::check_step_size(stepper().name(), dt);
        const auto end = static_cast<time_type>(t + dt);
        stepper().step_over(system, in, end, out, static_cast<time_type>(-dt), end, t,
                            detail::increment_reuse::keep);
    }
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_BASE_REVERSIBLE_STEPPER_BASE_HPP_INCLUDED
