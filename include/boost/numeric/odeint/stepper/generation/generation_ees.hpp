/*
 boost/numeric/odeint/stepper/generation/generation_ees.hpp

 make_controlled and make_dense_output for ees25 and ees27: the controller is
 controlled_driven_runge_kutta, odeint's controlled_runge_kutta on the steppers' embedded
 error estimate (first-same-as-last form) that also steps driven systems (SDEs on a virtual
 Brownian tree); the dense output is odeint's dense_output_runge_kutta with the steppers'
 cubic Hermite calc_state, on the same controller. The factories reject tolerances that
 cannot control anything (negative, NaN or infinite ones, and absolute and relative both
 zero) and a NaN step size limit max_dt (0 means no limit; the sign of a limit is the
 direction of the steps it limits, as in odeint: negative for a solve backwards); a tolerance
 that is valid but out of reach stops with an error (controlled_driven_runge_kutta.hpp). It
 brings in integrate_n_steps for dense_output_runge_kutta from boost_ext/
 (integrate_n_steps_dense_output.hpp), which corrects Boost.Odeint 1.74's loop for steps
 backwards in time.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_GENERATION_GENERATION_EES_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_GENERATION_GENERATION_EES_HPP_INCLUDED

#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/numeric/odeint/stepper/controlled_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/dense_output_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/generation/make_controlled.hpp>
#include <boost/numeric/odeint/stepper/generation/make_dense_output.hpp>

#include <boost/numeric/odeint/util/detail/to_text.hpp>
#include <boost/numeric/odeint/integrate/integrate_n_steps_dense_output.hpp>
#include <boost/numeric/odeint/stepper/controlled_driven_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>
#include <boost/numeric/odeint/stepper/ees27.hpp>

namespace boost {
namespace numeric {
namespace odeint {

namespace detail {

/// max_dt = 0 (no limit, odeint's convention) or a limit whose sign is the direction of the
/// steps it limits (odeint's convention: negative for a solve backwards in time; the
/// controller rejects a limit pointing against the step); only NaN is rejected here.
template <class Time>
void check_max_step(const char* who, Time max_dt)
{
    if (max_dt != max_dt)
        throw std::invalid_argument(std::string(who) + ": the step size limit max_dt = " +
                                    to_text(max_dt) + " must be a number (0 for no limit; "
                                    "negative for steps backwards in time)");
}

template <class Value>
void check_tolerances(const char* who, Value abs_error, Value rel_error)
{
    using std::isfinite;
    const bool valid = isfinite(abs_error) && isfinite(rel_error) && abs_error >= Value(0) &&
                       rel_error >= Value(0) && (abs_error > Value(0) || rel_error > Value(0));
    if (!valid)
        throw std::invalid_argument(std::string(who) + ": tolerances must be finite, "
                                    "non-negative and not both zero, got abs_error = " +
                                    to_text(abs_error) + ", rel_error = " + to_text(rel_error));
}

/// A controller (controlled_driven_runge_kutta) on an EES stepper, after checking the
/// tolerances and the step size limit.
template <class Stepper, class Controller = controlled_driven_runge_kutta<Stepper>>
struct ees_controller_factory
{
    using controller_type = Controller;
    using error_checker_type = typename controller_type::error_checker_type;
    using step_adjuster_type = typename controller_type::step_adjuster_type;
    using value_type = typename Stepper::value_type;
    using time_type = typename Stepper::time_type;

    controller_type operator()(value_type abs_error, value_type rel_error,
                               const Stepper& stepper) const
    {
        check_tolerances("make_controlled", abs_error, rel_error);
        controller_type controller(error_checker_type(abs_error, rel_error),
                                   step_adjuster_type(), stepper);
        controller.set_tolerances(abs_error, rel_error);
        return controller;
    }

    controller_type operator()(value_type abs_error, value_type rel_error, time_type max_dt,
                               const Stepper& stepper) const
    {
        check_tolerances("make_controlled", abs_error, rel_error);
        check_max_step("make_controlled", max_dt);
        controller_type controller(error_checker_type(abs_error, rel_error),
                                   step_adjuster_type(max_dt), stepper);
        controller.set_tolerances(abs_error, rel_error);
        return controller;
    }
};

/// dense_output_runge_kutta over the checked controller.
template <class Stepper>
struct ees_dense_output_factory
{
    using dense_output_type = dense_output_runge_kutta<controlled_driven_runge_kutta<Stepper>>;
    using value_type = typename Stepper::value_type;
    using time_type = typename Stepper::time_type;

    dense_output_type operator()(value_type abs_error, value_type rel_error,
                                 const Stepper& stepper) const
    {
        return dense_output_type(controller_factory()(abs_error, rel_error, stepper));
    }

    dense_output_type operator()(value_type abs_error, value_type rel_error, time_type max_dt,
                                 const Stepper& stepper) const
    {
        return dense_output_type(controller_factory()(abs_error, rel_error, max_dt, stepper));
    }

private:
    using controller_factory = ees_controller_factory<Stepper>;
};

} // namespace detail

#define BOOST_NUMERIC_ODEINT_EES_GENERATION(STEPPER)                                            \
    template <class S, class V, class D, class T, class A, class O, class R>                    \
    struct get_controller<STEPPER<S, V, D, T, A, O, R>>                                         \
    {                                                                                           \
        using type = controlled_driven_runge_kutta<STEPPER<S, V, D, T, A, O, R>>;               \
    };                                                                                          \
    template <class S, class V, class D, class T, class A, class O, class R>                    \
    struct controller_factory<STEPPER<S, V, D, T, A, O, R>,                                     \
                              controlled_driven_runge_kutta<STEPPER<S, V, D, T, A, O, R>>>      \
        : detail::ees_controller_factory<STEPPER<S, V, D, T, A, O, R>>                          \
    {                                                                                           \
    };                                                                                          \
    template <class S, class V, class D, class T, class A, class O, class R>                    \
    struct get_dense_output<STEPPER<S, V, D, T, A, O, R>>                                       \
    {                                                                                           \
        using type =                                                                            \
            dense_output_runge_kutta<controlled_driven_runge_kutta<STEPPER<S, V, D, T, A, O, R>>>; \
    };                                                                                          \
    template <class S, class V, class D, class T, class A, class O, class R>                    \
    struct dense_output_factory<                                                                \
        STEPPER<S, V, D, T, A, O, R>,                                                           \
        dense_output_runge_kutta<controlled_driven_runge_kutta<STEPPER<S, V, D, T, A, O, R>>>>  \
        : detail::ees_dense_output_factory<STEPPER<S, V, D, T, A, O, R>>                        \
    {                                                                                           \
    };

BOOST_NUMERIC_ODEINT_EES_GENERATION(ees25)
BOOST_NUMERIC_ODEINT_EES_GENERATION(ees27)

#undef BOOST_NUMERIC_ODEINT_EES_GENERATION

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_GENERATION_GENERATION_EES_HPP_INCLUDED
