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

 How the overloads are found. There is one overload per odeint function, state constness and
 argument form (integrate_times: an iterator pair or a range); its stepper parameter is
 Stepper<P...> (a class template specialisation) and it is enabled only for the steppers
 above (is_checked_ees_stepper). The trailing observer and step-overflow checker are
 parameters with default arguments, which partial ordering does not look at when a call does
 not give them, so for every arity odeint has, the overload here is more specialised than
 odeint's `Stepper` and wins for exactly these steppers, leaving every other stepper to odeint.
 Both unqualified calls (found by ordinary lookup after `using namespace
 boost::numeric::odeint`, and by argument-dependent lookup: the steppers live in
 boost::numeric::odeint) and qualified calls boost::numeric::odeint::integrate_const(...) see
 them, as long as this header (or ees.hpp) is included before the call. Each overload is one
 call of detail::checked_call: the check of its function's time arguments (the validator),
 then odeint's function with the arguments the caller gave and the stepper type spelled out
 (which odeint's templates accept and these, whose first parameter is a template, do not).

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

/// An observer or step-overflow checker the caller did not give; not passed on to odeint.
struct not_given {};

/// The checks of the time arguments, one per argument form; the arguments are the caller's
/// after the system, in odeint's order (the state first), and `Rest` the observer and
/// checker, given or not.
struct interval_check  // integrate_const, integrate_adaptive: [t0, t1] with dt
{
    template <class State, class Time, class... Rest>
    static void check(const char* who, const State&, const Time& t0, const Time& t1,
                      const Time& dt, const Rest&...)
    {
        check_integration_interval(who, t0, t1, dt);
    }
};

struct n_steps_check  // integrate_n_steps: t0, dt and a number of steps
{
    template <class State, class Time, class... Rest>
    static void check(const char* who, const State&, const Time& t0, const Time& dt,
                      std::size_t, const Rest&...)
    {
        require_finite_time(who, "t0", t0);
        require_usable_step(who, dt);
    }
};

struct times_check  // integrate_times over an iterator pair
{
    template <class State, class TimeIterator, class Time, class... Rest>
    static void check(const char* who, const State&, const TimeIterator& first,
                      const TimeIterator& last, const Time& dt, const Rest&...)
    {
        check_observation_times(who, first, last, dt);
    }
};

struct times_range_check  // integrate_times over a range
{
    template <class State, class TimeRange, class Time, class... Rest>
    static void check(const char* who, const State&, const TimeRange& times, const Time& dt,
                      const Rest&...)
    {
        check_observation_times(who, boost::begin(times), boost::end(times), dt);
    }
};

/// name##_function<Check>: odeint's function `name` with its check; call() passes the
/// caller's arguments with the stepper type spelled out, which only odeint's templates
/// accept (those of this header have a template as their first parameter).
#define BOOST_NUMERIC_ODEINT_EES_ODEINT_FUNCTION(name)                                         \
    template <class Check>                                                                     \
    struct name##_function : Check                                                             \
    {                                                                                          \
        static constexpr const char* who = #name;                                              \
                                                                                               \
        template <class Stepper, class... Args>                                                \
        static auto call(Stepper&& stepper, Args&&... args)                                    \
        {                                                                                      \
            return odeint::name<std::decay_t<Stepper>>(std::forward<Stepper>(stepper),         \
                                                       std::forward<Args>(args)...);           \
        }                                                                                      \
    }

BOOST_NUMERIC_ODEINT_EES_ODEINT_FUNCTION(integrate_const);
BOOST_NUMERIC_ODEINT_EES_ODEINT_FUNCTION(integrate_adaptive);
BOOST_NUMERIC_ODEINT_EES_ODEINT_FUNCTION(integrate_n_steps);
BOOST_NUMERIC_ODEINT_EES_ODEINT_FUNCTION(integrate_times);

#undef BOOST_NUMERIC_ODEINT_EES_ODEINT_FUNCTION

/// Function::call with the first N of the arguments in `arguments` (a tuple of references).
template <class Function, class Arguments, std::size_t... I>
auto call_with(Arguments arguments, std::index_sequence<I...>)
{
    return Function::call(std::get<I>(std::move(arguments))...);
}

/// The checked call: Function's check of the arguments, then odeint's function with the
/// arguments the caller gave (the trailing not_given ones dropped).
template <class Function, class Stepper, class System, class... Args>
auto checked_call(std::false_type /* dense output with a driven system */, Stepper& stepper,
                  System& system, Args&... args)
{
    Function::check(Function::who, static_cast<const Args&>(args)...);
    constexpr std::size_t absent = (std::size_t{0} + ... +
                                    std::size_t{std::is_same<Args, not_given>::value});
    return call_with<Function>(
        std::forward_as_tuple(std::move(stepper), std::move(system), args...),
        std::make_index_sequence<2 + sizeof...(Args) - absent>{});
}

/// A driven system given to a dense-output stepper: the one sentence, and no call of odeint
/// (whose own error would follow it).
template <class Function, class Stepper, class System, class... Args>
void checked_call(std::true_type, Stepper&, System&, Args&...)
{
    static_assert(!driven_system_on_dense_output<Stepper, System>(),
                  "dense output needs the derivative of an ODE, and a driven system (an SDE) "
                  "has none: use make_controlled (or the plain stepper) with a driven system");
}

template <class Stepper, class System>
using dense_output_of_driven_system =
    std::integral_constant<bool, driven_system_on_dense_output<Stepper, System>()>;

} // namespace detail

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer = detail::not_given, class Checker = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_const(Stepper<P...> stepper, System system, State& start_state, Time start_time,
                     Time end_time, Time dt, Observer observer = {}, Checker checker = {})
{
    return detail::checked_call<detail::integrate_const_function<detail::interval_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, start_time, end_time, dt, observer, checker);
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer = detail::not_given, class Checker = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_const(Stepper<P...> stepper, System system, const State& start_state,
                     Time start_time, Time end_time, Time dt, Observer observer = {},
                     Checker checker = {})
{
    return detail::checked_call<detail::integrate_const_function<detail::interval_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, start_time, end_time, dt, observer, checker);
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer = detail::not_given, class Checker = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_n_steps(Stepper<P...> stepper, System system, State& start_state,
                       Time start_time, Time dt, std::size_t num_of_steps,
                       Observer observer = {}, Checker checker = {})
{
    return detail::checked_call<detail::integrate_n_steps_function<detail::n_steps_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, start_time, dt, num_of_steps, observer, checker);
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer = detail::not_given, class Checker = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_n_steps(Stepper<P...> stepper, System system, const State& start_state,
                       Time start_time, Time dt, std::size_t num_of_steps,
                       Observer observer = {}, Checker checker = {})
{
    return detail::checked_call<detail::integrate_n_steps_function<detail::n_steps_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, start_time, dt, num_of_steps, observer, checker);
}

// odeint's integrate_adaptive takes no step-overflow checker.
template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_adaptive(Stepper<P...> stepper, System system, State& start_state,
                        Time start_time, Time end_time, Time dt, Observer observer = {})
{
    return detail::checked_call<detail::integrate_adaptive_function<detail::interval_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, start_time, end_time, dt, observer);
}

template <template <class...> class Stepper, class... P, class System, class State, class Time,
          class Observer = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_adaptive(Stepper<P...> stepper, System system, const State& start_state,
                        Time start_time, Time end_time, Time dt, Observer observer = {})
{
    return detail::checked_call<detail::integrate_adaptive_function<detail::interval_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, start_time, end_time, dt, observer);
}

// integrate_times always takes an observer.
template <template <class...> class Stepper, class... P, class System, class State,
          class TimeIterator, class Time, class Observer, class Checker = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_times(Stepper<P...> stepper, System system, State& start_state,
                     TimeIterator times_start, TimeIterator times_end, Time dt,
                     Observer observer, Checker checker = {})
{
    return detail::checked_call<detail::integrate_times_function<detail::times_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, times_start, times_end, dt, observer, checker);
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeIterator, class Time, class Observer, class Checker = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_times(Stepper<P...> stepper, System system, const State& start_state,
                     TimeIterator times_start, TimeIterator times_end, Time dt,
                     Observer observer, Checker checker = {})
{
    return detail::checked_call<detail::integrate_times_function<detail::times_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, times_start, times_end, dt, observer, checker);
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeRange, class Time, class Observer, class Checker = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_times(Stepper<P...> stepper, System system, State& start_state,
                     const TimeRange& times, Time dt, Observer observer, Checker checker = {})
{
    return detail::checked_call<detail::integrate_times_function<detail::times_range_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, times, dt, observer, checker);
}

template <template <class...> class Stepper, class... P, class System, class State,
          class TimeRange, class Time, class Observer, class Checker = detail::not_given,
          detail::enable_if_checked_ees_stepper_t<Stepper<P...>> = 0>
auto integrate_times(Stepper<P...> stepper, System system, const State& start_state,
                     const TimeRange& times, Time dt, Observer observer, Checker checker = {})
{
    return detail::checked_call<detail::integrate_times_function<detail::times_range_check>>(
        detail::dense_output_of_driven_system<Stepper<P...>, System>(), stepper, system,
        start_state, times, dt, observer, checker);
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_CHECKED_INTEGRATE_HPP_INCLUDED
