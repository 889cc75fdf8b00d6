/*
 boost/numeric/odeint/system/driven_system.hpp

 The concept of a driven (controlled, rough) system  dy = F(t, y) dX  with a driver
 X = (t, W) given by a path (ees-method.md §3). A Stratonovich SDE dy = f dt + g ∘ dW is the
 case X = (t, W). Steppers apply their tableau to the increments (dt, ΔX):

     K_i = F(t + c_i dt, Y_i) · (dt, ΔX)

 A driven system is a class with

     using system_category = driven_system_tag;
     void begin_step(time t, time dt);           // fix ΔX = X(t + dt) − X(t), dt may be < 0
     void operator()(const State& y, Deriv& k, time t_stage, time dt);  // k = F(t_stage, y)·(dt, ΔX)

 `begin_step` is called once per step, before any stage, so a system that reads its path
 there sees the same increment in every stage; a step with negated dt sees the negated
 increment, which is what `inverse_do_step` needs. Ordinary odeint systems
 `sys(x, dxdt, t)` are unaffected: `is_driven_system` is false for them.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_SYSTEM_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_SYSTEM_HPP_INCLUDED

#include <type_traits>

#include <boost/numeric/odeint/util/unwrap_reference.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// Marks a system as driven: `using system_category = driven_system_tag;`.
struct driven_system_tag {};

template <class System, class = void>
struct is_driven_system : std::false_type {};

template <class System>
struct is_driven_system<System, std::void_t<typename System::system_category>>
    : std::is_same<typename System::system_category, driven_system_tag> {};

/// True for a driven system, also when passed as std::ref / boost::ref.
template <class System>
inline constexpr bool is_driven_system_v =
    is_driven_system<typename odeint::unwrap_reference<System>::type>::value;

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_SYSTEM_HPP_INCLUDED
