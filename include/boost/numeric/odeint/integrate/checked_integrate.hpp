/*
 boost/numeric/odeint/integrate/checked_integrate.hpp

 integrate_const, integrate_n_steps, integrate_adaptive and integrate_times for this
 library's steppers (ees25, ees27, reversible_heun, the controlled and dense-output steppers
 made from them, and std::ref / boost::ref of any of these) that check the time arguments,
 then forward to odeint's own functions unchanged.

 odeint's integrate functions compare t with t1 before every step, so a zero, NaN or infinite
 dt, or one pointing away from t1, never reaches do_step (whose own check would name it):
 odeint returns x(t0) as x(t1) without a word. Here such a call throws
 std::invalid_argument naming the function and the value:

   integrate_const, integrate_adaptive   t0 and t1 finite; dt finite, non-zero and, when
                                         t1 != t0, of the sign of t1 - t0
   integrate_n_steps                     t0 finite; dt finite and non-zero (either sign)
   integrate_times                       every time finite and in the order dt steps in
                                         (repeats allowed); dt finite, non-zero and of the
                                         sign of t_last - t_first

 Every time type odeint accepts is accepted: "finite" tests the number behind a Boost.Units
 time (its value), and is not asked of a type that has no isfinite (an integer time, say).

 A driven system (an SDE, system/driven_system.hpp) given to a dense-output stepper is a
 compile-time error with one sentence: dense output needs a derivative, which a driven
 system does not have.

 How the overloads are found. Each has the parameters of odeint's, but its stepper parameter
 is Stepper<P...> (a class template specialisation) and it is enabled only for the steppers
 above (is_checked_ees_stepper), so partial ordering prefers it to odeint's `Stepper` for
 exactly these steppers and leaves every other stepper to odeint. Both unqualified calls
 (found by ordinary lookup after `using namespace boost::numeric::odeint`, and by
 argument-dependent lookup: the steppers live in boost::numeric::odeint) and qualified calls
 boost::numeric::odeint::integrate_const(...) see them, as long as this header (or ees.hpp)
 is included before the call. They forward with odeint's template arguments spelled out,
 which this header's templates (whose first parameter is a template) cannot take.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_CHECKED_INTEGRATE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_CHECKED_INTEGRATE_HPP_INCLUDED

#include <cmath>
#include <cstddef>
#include <functional>
#include <iterator>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <boost/range/begin.hpp>
#include <boost/range/end.hpp>
#include <boost/ref.hpp>

#include <boost/numeric/odeint/integrate/integrate_adaptive.hpp>
#include <boost/numeric/odeint/integrate/integrate_const.hpp>
#include <boost/numeric/odeint/integrate/integrate_n_steps.hpp>
#include <boost/numeric/odeint/integrate/integrate_times.hpp>
#include <boost/numeric/odeint/stepper/controlled_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/dense_output_runge_kutta.hpp>

#include <boost/numeric/odeint/stepper/controlled_driven_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/ees25.hpp>
#include <boost/numeric/odeint/stepper/ees27.hpp>
#include <boost/numeric/odeint/stepper/reversible_heun.hpp>
#include <boost/numeric/odeint/system/driven_system.hpp>
#include <boost/numeric/odeint/util/detail/to_text.hpp>
#include <boost/numeric/odeint/util/unit_helper.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// True for the steppers whose integrate_* calls this header checks: ees25, ees27,
/// reversible_heun, controllers and dense output built on them, and references to these.
template <class Stepper>
struct is_checked_ees_stepper : std::false_type {};

template <class S, class V, class D, class T, class A, class O, class R>
struct is_checked_ees_stepper<ees25<S, V, D, T, A, O, R>> : std::true_type {};

template <class S, class V, class D, class T, class A, class O, class R>
struct is_checked_ees_stepper<ees27<S, V, D, T, A, O, R>> : std::true_type {};

template <class S, class V, class D, class T, class A, class O, class R>
struct is_checked_ees_stepper<reversible_heun<S, V, D, T, A, O, R>> : std::true_type {};

template <class E, class C, class A, class R, class Tag>
struct is_checked_ees_stepper<controlled_runge_kutta<E, C, A, R, Tag>>
    : is_checked_ees_stepper<E> {};

template <class E, class C, class A, class R>
struct is_checked_ees_stepper<controlled_driven_runge_kutta<E, C, A, R>>
    : is_checked_ees_stepper<E> {};

template <class C, class Tag>
struct is_checked_ees_stepper<dense_output_runge_kutta<C, Tag>> : is_checked_ees_stepper<C> {};

template <class T>
struct is_checked_ees_stepper<std::reference_wrapper<T>> : is_checked_ees_stepper<T> {};

template <class T>
struct is_checked_ees_stepper<boost::reference_wrapper<T>> : is_checked_ees_stepper<T> {};

namespace detail {

// isfinite for the built-in floating types and, by argument-dependent lookup, for others.
namespace finiteness_test {
using std::isfinite;
template <class Number>
auto is_finite(const Number& x) -> decltype(static_cast<bool>(isfinite(x)))
{
    return static_cast<bool>(isfinite(x));
}
} // namespace finiteness_test

template <class Stepper>
using enable_if_checked_ees_stepper_t =
    std::enable_if_t<is_checked_ees_stepper<Stepper>::value, int>;

/// Whether isfinite(x) names a test for x (std::isfinite for the built-in floating types,
/// found by argument-dependent lookup for Boost.Multiprecision and similar types).
template <class Number, class = void>
struct has_finiteness_test : std::false_type {};

template <class Number>
struct has_finiteness_test<Number, std::void_t<decltype(finiteness_test::is_finite(
                                       std::declval<const Number&>()))>> : std::true_type {};

/// Whether a time is finite: the test of the number behind it (the value of a Boost.Units
/// quantity, the time itself otherwise); true where its type has no finiteness test (an
/// integer or a user's type that odeint accepts as a time), whose values this cannot ask.
template <class Time>
bool is_finite_time(const Time& t)
{
    const auto& number = get_unit_value(t);
    using number_type = std::decay_t<decltype(number)>;
    if constexpr (has_finiteness_test<number_type>::value)
        return finiteness_test::is_finite(number);
    else
        return true;
}

template <class Time>
void require_finite_time(const char* who, const char* name, const Time& t)
{
    if (!is_finite_time(t))
        throw std::invalid_argument(std::string(who) + ": " + name + " = " + to_text(t) +
                                    " is not finite");
}

/// dt finite and non-zero.
template <class Time>
void require_usable_step(const char* who, const Time& dt)
{
    if (!is_finite_time(dt) || dt == Time(0))
        throw std::invalid_argument(std::string(who) + ": the step dt = " + to_text(dt) +
                                    " must be finite and non-zero");
}

/// t0, t1 finite; dt finite, non-zero and pointing from t0 towards t1.
template <class Time>
void check_integration_interval(const char* who, const Time& t0, const Time& t1,
                                const Time& dt)
{
    require_finite_time(who, "t0", t0);
    require_finite_time(who, "t1", t1);
    require_usable_step(who, dt);
    if ((t1 > t0 && dt < Time(0)) || (t1 < t0 && dt > Time(0)))
        throw std::invalid_argument(std::string(who) + ": the step dt = " + to_text(dt) +
                                    " points away from t1 = " + to_text(t1) +
                                    " (t0 = " + to_text(t0) +
                                    "); its sign must be that of t1 - t0");
}

/// Every time of [first, last) finite; dt as for the interval from the first time to the
/// last (so a dt pointing away from the last time is named as such); and no time behind its
/// predecessor in the direction of dt (repeats allowed).
template <class TimeIterator, class Time>
void check_observation_times(const char* who, TimeIterator first, TimeIterator last,
                             const Time& dt)
{
    require_usable_step(who, dt);
    if (first == last)
        return;
    const Time t_first = static_cast<Time>(*first);
    Time t_final = t_first;
    for (TimeIterator it = first; it != last; ++it)
    {
        t_final = static_cast<Time>(*it);
        require_finite_time(who, "an observation time t", t_final);
    }
    check_integration_interval(who, t_first, t_final, dt);
    Time t_last = t_first;
    for (std::size_t index = 0; first != last; ++first, ++index)
    {
        const Time t = static_cast<Time>(*first);
        if ((dt > Time(0) && t < t_last) || (dt < Time(0) && t > t_last))
            throw std::invalid_argument(
                std::string(who) + ": observation time t = " + to_text(t) + " (index " +
                std::to_string(index) + ") comes after t = " + to_text(t_last) +
                "; with dt = " + to_text(dt) + " the times must be " +
                (dt > Time(0) ? "non-decreasing" : "non-increasing"));
        t_last = t;
    }
}

/// One sentence instead of odeint's deep error for a driven system given to dense output.
template <class Stepper, class System>
constexpr bool driven_system_on_dense_output()
{
    using stepper_type = typename odeint::unwrap_reference<Stepper>::type;
    using category = typename base_tag<typename stepper_type::stepper_category>::type;
    return std::is_same<category, dense_output_stepper_tag>::value &&
           is_driven_system_v<typename odeint::unwrap_reference<System>::type>;
}

#define BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN                                                \
    static_assert(!detail::driven_system_on_dense_output<Stepper<P...>, System>(),              \
                  "dense output needs the derivative of an ODE, and a driven system (an SDE) "  \
                  "has none: use make_controlled (or the plain stepper) with a driven system")

} // namespace detail

// --- integrate_const ----------------------------------------------------------------------

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_const(Stepper<P...> stepper, System system, State& start_state,
                            Time start_time, Time end_time, Time dt)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_const", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_const<Stepper<P...>, System, State, Time>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_const(Stepper<P...> stepper, System system, const State& start_state,
                            Time start_time, Time end_time, Time dt)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_const", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_const<Stepper<P...>, System, State, Time>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_const(Stepper<P...> stepper, System system, State& start_state,
                            Time start_time, Time end_time, Time dt, Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_const", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_const<Stepper<P...>, System, State, Time, Observer>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt, observer);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_const(Stepper<P...> stepper, System system, const State& start_state,
                            Time start_time, Time end_time, Time dt, Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_const", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_const<Stepper<P...>, System, State, Time, Observer>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt, observer);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, class StepOverflowChecker,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_const(Stepper<P...> stepper, System system, State& start_state,
                            Time start_time, Time end_time, Time dt, Observer observer,
                            StepOverflowChecker checker)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_const", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_const<Stepper<P...>, System, State, Time, Observer, StepOverflowChecker>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt, observer,
            checker);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, class StepOverflowChecker,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_const(Stepper<P...> stepper, System system, const State& start_state,
                            Time start_time, Time end_time, Time dt, Observer observer,
                            StepOverflowChecker checker)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_const", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_const<Stepper<P...>, System, State, Time, Observer, StepOverflowChecker>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt, observer,
            checker);
    else
        return 0;
}

// --- integrate_n_steps --------------------------------------------------------------------

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
Time integrate_n_steps(Stepper<P...> stepper, System system, State& start_state,
                       Time start_time, Time dt, std::size_t num_of_steps)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::require_finite_time("integrate_n_steps", "t0", start_time);
    detail::require_usable_step("integrate_n_steps", dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_n_steps<Stepper<P...>, System, State, Time>(
            std::move(stepper), std::move(system), start_state, start_time, dt, num_of_steps);
    else
        return start_time;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
Time integrate_n_steps(Stepper<P...> stepper, System system, const State& start_state,
                       Time start_time, Time dt, std::size_t num_of_steps)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::require_finite_time("integrate_n_steps", "t0", start_time);
    detail::require_usable_step("integrate_n_steps", dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_n_steps<Stepper<P...>, System, State, Time>(
            std::move(stepper), std::move(system), start_state, start_time, dt, num_of_steps);
    else
        return start_time;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
Time integrate_n_steps(Stepper<P...> stepper, System system, State& start_state,
                       Time start_time, Time dt, std::size_t num_of_steps, Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::require_finite_time("integrate_n_steps", "t0", start_time);
    detail::require_usable_step("integrate_n_steps", dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_n_steps<Stepper<P...>, System, State, Time, Observer>(
            std::move(stepper), std::move(system), start_state, start_time, dt, num_of_steps,
            observer);
    else
        return start_time;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
Time integrate_n_steps(Stepper<P...> stepper, System system, const State& start_state,
                       Time start_time, Time dt, std::size_t num_of_steps, Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::require_finite_time("integrate_n_steps", "t0", start_time);
    detail::require_usable_step("integrate_n_steps", dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_n_steps<Stepper<P...>, System, State, Time, Observer>(
            std::move(stepper), std::move(system), start_state, start_time, dt, num_of_steps,
            observer);
    else
        return start_time;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, class StepOverflowChecker,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
Time integrate_n_steps(Stepper<P...> stepper, System system, State& start_state,
                       Time start_time, Time dt, std::size_t num_of_steps, Observer observer,
                       StepOverflowChecker checker)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::require_finite_time("integrate_n_steps", "t0", start_time);
    detail::require_usable_step("integrate_n_steps", dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_n_steps<Stepper<P...>, System, State, Time, Observer, StepOverflowChecker>(
            std::move(stepper), std::move(system), start_state, start_time, dt, num_of_steps,
            observer, checker);
    else
        return start_time;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, class StepOverflowChecker,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
Time integrate_n_steps(Stepper<P...> stepper, System system, const State& start_state,
                       Time start_time, Time dt, std::size_t num_of_steps, Observer observer,
                       StepOverflowChecker checker)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::require_finite_time("integrate_n_steps", "t0", start_time);
    detail::require_usable_step("integrate_n_steps", dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_n_steps<Stepper<P...>, System, State, Time, Observer, StepOverflowChecker>(
            std::move(stepper), std::move(system), start_state, start_time, dt, num_of_steps,
            observer, checker);
    else
        return start_time;
}

// --- integrate_adaptive -------------------------------------------------------------------

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_adaptive(Stepper<P...> stepper, System system, State& start_state,
                               Time start_time, Time end_time, Time dt)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_adaptive", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_adaptive<Stepper<P...>, System, State, Time>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_adaptive(Stepper<P...> stepper, System system, const State& start_state,
                               Time start_time, Time end_time, Time dt)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_adaptive", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_adaptive<Stepper<P...>, System, State, Time>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_adaptive(Stepper<P...> stepper, System system, State& start_state,
                               Time start_time, Time end_time, Time dt, Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_adaptive", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_adaptive<Stepper<P...>, System, State, Time, Observer>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt, observer);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer, detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_adaptive(Stepper<P...> stepper, System system, const State& start_state,
                               Time start_time, Time end_time, Time dt, Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_integration_interval("integrate_adaptive", start_time, end_time, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_adaptive<Stepper<P...>, System, State, Time, Observer>(
            std::move(stepper), std::move(system), start_state, start_time, end_time, dt, observer);
    else
        return 0;
}

// --- integrate_times ----------------------------------------------------------------------

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeIterator, class Time, class Observer,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_times(Stepper<P...> stepper, System system, State& start_state,
                            TimeIterator times_start, TimeIterator times_end, Time dt,
                            Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_observation_times("integrate_times", times_start, times_end, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_times<Stepper<P...>, System, State, TimeIterator, Time, Observer>(
            std::move(stepper), std::move(system), start_state, times_start, times_end, dt,
            observer);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeIterator, class Time, class Observer,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_times(Stepper<P...> stepper, System system, const State& start_state,
                            TimeIterator times_start, TimeIterator times_end, Time dt,
                            Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_observation_times("integrate_times", times_start, times_end, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_times<Stepper<P...>, System, State, TimeIterator, Time, Observer>(
            std::move(stepper), std::move(system), start_state, times_start, times_end, dt,
            observer);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeRange, class Time, class Observer,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_times(Stepper<P...> stepper, System system, State& start_state,
                            const TimeRange& times, Time dt, Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_observation_times("integrate_times", boost::begin(times), boost::end(times),
                                    dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_times<Stepper<P...>, System, State, TimeRange, Time, Observer>(
            std::move(stepper), std::move(system), start_state, times, dt, observer);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeRange, class Time, class Observer,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_times(Stepper<P...> stepper, System system, const State& start_state,
                            const TimeRange& times, Time dt, Observer observer)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_observation_times("integrate_times", boost::begin(times), boost::end(times),
                                    dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_times<Stepper<P...>, System, State, TimeRange, Time, Observer>(
            std::move(stepper), std::move(system), start_state, times, dt, observer);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeIterator, class Time, class Observer, class StepOverflowChecker,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_times(Stepper<P...> stepper, System system, State& start_state,
                            TimeIterator times_start, TimeIterator times_end, Time dt,
                            Observer observer, StepOverflowChecker checker)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_observation_times("integrate_times", times_start, times_end, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_times<Stepper<P...>, System, State, TimeIterator, Time, Observer,
                               StepOverflowChecker>(
            std::move(stepper), std::move(system), start_state, times_start, times_end, dt,
            observer, checker);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeIterator, class Time, class Observer, class StepOverflowChecker,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_times(Stepper<P...> stepper, System system, const State& start_state,
                            TimeIterator times_start, TimeIterator times_end, Time dt,
                            Observer observer, StepOverflowChecker checker)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_observation_times("integrate_times", times_start, times_end, dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_times<Stepper<P...>, System, State, TimeIterator, Time, Observer,
                               StepOverflowChecker>(
            std::move(stepper), std::move(system), start_state, times_start, times_end, dt,
            observer, checker);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeRange, class Time, class Observer, class StepOverflowChecker,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_times(Stepper<P...> stepper, System system, State& start_state,
                            const TimeRange& times, Time dt, Observer observer,
                            StepOverflowChecker checker)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_observation_times("integrate_times", boost::begin(times), boost::end(times),
                                    dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_times<Stepper<P...>, System, State, TimeRange, Time, Observer,
                               StepOverflowChecker>(
            std::move(stepper), std::move(system), start_state, times, dt, observer, checker);
    else
        return 0;
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeRange, class Time, class Observer, class StepOverflowChecker,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
std::size_t integrate_times(Stepper<P...> stepper, System system, const State& start_state,
                            const TimeRange& times, Time dt, Observer observer,
                            StepOverflowChecker checker)
{
    BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN;
    detail::check_observation_times("integrate_times", boost::begin(times), boost::end(times),
                                    dt);
    if constexpr (!detail::driven_system_on_dense_output<Stepper<P...>, System>())
        return integrate_times<Stepper<P...>, System, State, TimeRange, Time, Observer,
                               StepOverflowChecker>(
            std::move(stepper), std::move(system), start_state, times, dt, observer, checker);
    else
        return 0;
}

#undef BOOST_NUMERIC_ODEINT_EES_NO_DENSE_DRIVEN

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_CHECKED_INTEGRATE_HPP_INCLUDED
