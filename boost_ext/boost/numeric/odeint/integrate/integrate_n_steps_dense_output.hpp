/*
 boost/numeric/odeint/integrate/integrate_n_steps_dense_output.hpp

 integrate_n_steps for dense_output_runge_kutta steppers, replacing Boost.Odeint's generic
 overloads for them, which in Boost 1.74 (and later) mishandle two things:

   - integrating backwards in time (dt < 0): the loop that finishes the last internal step
     compares current_time() < end_time whatever the sign of dt, so the solve stops short
     of t0 + n dt while the last observation is still reported at t0 + n dt (make_dense_output
     of ees25 stops 9.8e-3 short of t = -2 on odeint's own test problem at default
     tolerances; dopri5 does at tolerance 1e-10);
   - the state argument is left at t0 + (n-1) dt instead of the final state.

 These overloads are more specialised than odeint's (their stepper parameter is a
 dense_output_runge_kutta<...>), so a call of integrate_n_steps with make_dense_output(...)
 picks them wherever this header has been included: the observer is called at
 t0 + k dt for k = 0 ... n, in either direction, the state ends at x(t0 + n dt) and
 t0 + n dt is returned, as for odeint's other stepper kinds. Other dense-output steppers
 (rosenbrock4_dense_output, bulirsch_stoer_dense_out) and a stepper passed through
 std::ref / boost::ref still take odeint's path.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_N_STEPS_DENSE_OUTPUT_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_N_STEPS_DENSE_OUTPUT_HPP_INCLUDED

#include <cmath>
#include <cstddef>
#include <sstream>
#include <stdexcept>

#include <boost/numeric/odeint/integrate/integrate_n_steps.hpp>
#include <boost/numeric/odeint/integrate/null_observer.hpp>
#include <boost/numeric/odeint/stepper/dense_output_runge_kutta.hpp>
#include <boost/numeric/odeint/util/copy.hpp>
#include <boost/numeric/odeint/util/detail/less_with_sign.hpp>
#include <boost/numeric/odeint/util/unit_helper.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

namespace boost {
namespace numeric {
namespace odeint {

namespace detail {

/// A step checker that never objects (for the overloads without one).
struct no_step_checker
{
    void operator()() const {}
    void reset() const {}
};

/// Advances the dense-output stepper by one internal step without passing `end_time`:
/// a step that would pass it is shortened to end there.
template <class Dense, class System, class Time, class Checker>
void dense_step_towards(Dense& stepper, System& system, Time end_time, Time dt,
                        Checker& checker)
{
    const Time next = static_cast<Time>(stepper.current_time() + stepper.current_time_step());
    if (less_with_sign(end_time, next, dt))
        stepper.initialize(stepper.current_state(), stepper.current_time(),
                           static_cast<Time>(end_time - stepper.current_time()));
    checker();
    stepper.do_step(system);
}

/// n steps of dt from t0 with a dense-output stepper, in either direction of time.
template <class Dense, class System, class State, class Time, class Observer, class Checker>
Time integrate_n_steps_dense(Dense& stepper, System system, State& state, Time t0, Time dt,
                             std::size_t steps, Observer& observer, Checker& checker)
{
    using unit = typename unit_value_type<Time>::type;
    typename odeint::unwrap_reference<Observer>::type& observe = observer;
    const Time end_time = t0 + static_cast<unit>(steps) * dt;
    using std::isfinite;
    if (steps > 0 && (!isfinite(get_unit_value(dt)) || get_unit_value(dt) == 0))
    {
        std::ostringstream message;
        message << "integrate_n_steps: dt = " << get_unit_value(dt)
                << " cannot make steps (it must be non-zero and finite)";
        throw std::invalid_argument(message.str());
    }

    stepper.initialize(state, t0, dt);
    for (std::size_t k = 0; k < steps; ++k)
    {
        const Time t = t0 + static_cast<unit>(k) * dt;
        // Interpolate inside a completed step: t strictly before the stepper's time (t0 as
        // well, so the first step is taken before the first observation).
        while (!less_with_sign(t, static_cast<Time>(stepper.current_time()), dt))
            dense_step_towards(stepper, system, end_time, dt, checker);
        stepper.calc_state(t, state);
        observe(state, t);
        checker.reset();
    }
    while (less_with_sign(static_cast<Time>(stepper.current_time()), end_time, dt))
        dense_step_towards(stepper, system, end_time, dt, checker);
    odeint::copy(stepper.current_state(), state);
    observe(state, end_time);
    checker.reset();
    return end_time;
}

} // namespace detail

template <class Controlled, class Tag, class System, class State, class Time, class Observer,
          class StepOverflowChecker>
Time integrate_n_steps(dense_output_runge_kutta<Controlled, Tag> stepper, System system,
                       State& start_state, Time start_time, Time dt, size_t num_of_steps,
                       Observer observer, StepOverflowChecker checker)
{
    typename odeint::unwrap_reference<StepOverflowChecker>::type& check = checker;
    return detail::integrate_n_steps_dense(stepper, system, start_state, start_time, dt,
                                           num_of_steps, observer, check);
}

template <class Controlled, class Tag, class System, class State, class Time, class Observer,
          class StepOverflowChecker>
Time integrate_n_steps(dense_output_runge_kutta<Controlled, Tag> stepper, System system,
                       const State& start_state, Time start_time, Time dt, size_t num_of_steps,
                       Observer observer, StepOverflowChecker checker)
{
    State state = start_state;
    typename odeint::unwrap_reference<StepOverflowChecker>::type& check = checker;
    return detail::integrate_n_steps_dense(stepper, system, state, start_time, dt,
                                           num_of_steps, observer, check);
}

template <class Controlled, class Tag, class System, class State, class Time, class Observer>
Time integrate_n_steps(dense_output_runge_kutta<Controlled, Tag> stepper, System system,
                       State& start_state, Time start_time, Time dt, size_t num_of_steps,
                       Observer observer)
{
    detail::no_step_checker check;
    return detail::integrate_n_steps_dense(stepper, system, start_state, start_time, dt,
                                           num_of_steps, observer, check);
}

template <class Controlled, class Tag, class System, class State, class Time, class Observer>
Time integrate_n_steps(dense_output_runge_kutta<Controlled, Tag> stepper, System system,
                       const State& start_state, Time start_time, Time dt, size_t num_of_steps,
                       Observer observer)
{
    State state = start_state;
    detail::no_step_checker check;
    return detail::integrate_n_steps_dense(stepper, system, state, start_time, dt,
                                           num_of_steps, observer, check);
}

template <class Controlled, class Tag, class System, class State, class Time>
Time integrate_n_steps(dense_output_runge_kutta<Controlled, Tag> stepper, System system,
                       State& start_state, Time start_time, Time dt, size_t num_of_steps)
{
    null_observer observer;
    detail::no_step_checker check;
    return detail::integrate_n_steps_dense(stepper, system, start_state, start_time, dt,
                                           num_of_steps, observer, check);
}

template <class Controlled, class Tag, class System, class State, class Time>
Time integrate_n_steps(dense_output_runge_kutta<Controlled, Tag> stepper, System system,
                       const State& start_state, Time start_time, Time dt, size_t num_of_steps)
{
    State state = start_state;
    null_observer observer;
    detail::no_step_checker check;
    return detail::integrate_n_steps_dense(stepper, system, state, start_time, dt,
                                           num_of_steps, observer, check);
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_INTEGRATE_INTEGRATE_N_STEPS_DENSE_OUTPUT_HPP_INCLUDED
