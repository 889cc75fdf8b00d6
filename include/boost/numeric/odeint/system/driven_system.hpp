/*
 boost/numeric/odeint/system/driven_system.hpp

 The concept of a driven (controlled, rough) system  dy = F(t, y) dX  (doc/method.md §3):
 a vector field F and a control X whose increment ΔX = (dt, ΔW) over a step drives it. A
 Stratonovich SDE dy = f dt + g ∘ dW is the case X = (t, W), F = (f, g). Steppers apply their
 tableau to the increment: every stage is

     K_i = F(t + c_i dt, Y_i) · ΔX

 and the stepper, not the system, owns everything that changes during a solve: it asks the
 control for ΔX once per step (control_increment below, the one place that handles dt < 0),
 keeps ΔX, the control's cursor and the buffers of F in a workspace of its own, and may keep
 F(t, y) to reuse it with the next step's increment (reversible_heun does: one evaluation of F
 per step). So a driven system is immutable during a solve: one const object can be stepped
 from several threads at once, and copying it may be made O(1) (driven_equation is a handle).

 A driven system S, with s a const S, y a state, F an S::field_type, dW an S::increment_type:

   S::system_category               driven_system_tag
   S::control_type                  the control (path) X
   S::field_type                    storage of F(t, y), e.g. the drift and diffusion values
   S::increment_type                storage of ΔW, the control's part of ΔX besides dt
   s.control()                      const control_type&
   s.make_field(y)                  a field_type sized for states shaped like y
   s.make_increment()               an increment_type sized for the control
   s(y, F, t)                       F = F(t, y)                       (one field evaluation)
   s.product(F, dt, dW, k)          k = F · (dt, dW)
 optionally, for steppers that do not keep F (the EES steppers use it when present):
   s.field_product(y, t, dt, dW, k)   k = F(t, y) · (dt, dW) in one pass, the same arithmetic
 and, for gradients (integrate_reversible):
   s.product_transpose(v, dt, dW, G)   G = (∂k/∂F)ᵀ v, field-shaped    (k = F · (dt, dW))
   s.vjp(y, t, G, adj_y, adj_p)        adds (∂F/∂y)ᵀG to adj_y and (∂F/∂θ)ᵀG to adj_p

 A control X, with x a const X:

   X::value_type                    the scalar of the increments
   X::time_type                     optional: the time type (X::value_type when absent)
   x.dimension()                    number of components of W
   x.increment(s, u, dW)            dW = W(u) − W(s) for s < u (dW sized dimension())
 optionally, for controls with a cache (virtual_brownian_tree, batched_brownian_path):
   X::cursor_type, x.make_cursor(), x.increment(s, u, dW, cursor)
   x.cursor_matches(cursor)         whether cursor was made by x (or an equal copy); a
                                    stepper rebuilds its cursor when this is false, so a
                                    stepper reused with another path draws that path's noise
                                    (a control with a cursor should have it)
 and, for device controls that negate on the device, x.negated_increment(s, u, dW[, cursor]).

 Ordinary odeint systems sys(x, dxdt, t) are unaffected: is_driven_system is false for them,
 and for the steppers they are the case ΔX = dt.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_SYSTEM_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_SYSTEM_HPP_INCLUDED

#include <type_traits>
#include <utility>

#include <boost/range/begin.hpp>
#include <boost/range/end.hpp>

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
    is_driven_system<std::remove_cv_t<typename odeint::unwrap_reference<System>::type>>::value;

namespace detail {

/// The cursor type of a control: Control::cursor_type, or an empty one.
struct no_control_cursor {};

template <class Control, class = void>
struct control_cursor
{
    using type = no_control_cursor;
    static type make(const Control&) { return {}; }
};

template <class Control>
struct control_cursor<Control, std::void_t<typename Control::cursor_type>>
{
    using type = typename Control::cursor_type;
    static type make(const Control& control) { return control.make_cursor(); }
};

template <class Control, class Cursor, class = void>
struct has_cursor_matches : std::false_type {};

template <class Control, class Cursor>
struct has_cursor_matches<Control, Cursor,
                          std::void_t<decltype(std::declval<const Control&>().cursor_matches(
                              std::declval<const Cursor&>()))>> : std::true_type {};

/// Whether `cursor` belongs to `control` (made by it or an equal copy): control.cursor_matches
/// where the control has it; a control without it (or without a cursor) is taken at its word.
template <class Control, class Cursor>
bool cursor_belongs_to(const Control& control, const Cursor& cursor)
{
    if constexpr (has_cursor_matches<Control, Cursor>::value)
        return control.cursor_matches(cursor);
    else
        return true;
}

template <class Control>
using control_cursor_t = typename control_cursor<Control>::type;

/// Control::value_type, or missing_control_value_type where the control declares none (so
/// that driven_equation can say so in a sentence instead of failing on the name).
struct missing_control_value_type {};

template <class Control, class = void>
struct control_value
{
    using type = missing_control_value_type;
};

template <class Control>
struct control_value<Control, std::void_t<typename Control::value_type>>
{
    using type = typename Control::value_type;
};

template <class Control>
using control_value_t = typename control_value<Control>::type;

/// Control::time_type, or Control::value_type where the control declares no time type.
template <class Control, class = void>
struct control_time
{
    using type = control_value_t<Control>;
};

template <class Control>
struct control_time<Control, std::void_t<typename Control::time_type>>
{
    using type = typename Control::time_type;
};

template <class Control>
using control_time_t = typename control_time<Control>::type;

template <class Control, class Time, class Increment, class = void>
struct has_negated_increment : std::false_type {};

template <class Control, class Time, class Increment>
struct has_negated_increment<
    Control, Time, Increment,
    std::void_t<decltype(std::declval<const Control&>().negated_increment(
        std::declval<Time>(), std::declval<Time>(), std::declval<Increment&>()))>>
    : std::true_type
{
};

template <class Control, class Time, class Increment, class Cursor>
void forward_increment(const Control& control, Time s, Time u, Increment& dW, Cursor& cursor)
{
    if constexpr (std::is_same<Cursor, no_control_cursor>::value)
        control.increment(s, u, dW);
    else
        control.increment(s, u, dW, cursor);
}

} // namespace detail

/// dW = W(to) − W(from) for either order of the two times: the one place where a backward
/// step (to < from, as in inverse_do_step) becomes the forward increment of [to, from],
/// negated, so that the backward pass replays exactly the forward noise.
template <class Control, class Time, class Increment, class Cursor>
void control_increment(const Control& control, Time from, Time to, Increment& dW,
                       Cursor& cursor)
{
    using control_time = detail::control_time_t<Control>;
    const auto s = static_cast<control_time>(from);
    const auto u = static_cast<control_time>(to);
    if (from < to)
        detail::forward_increment(control, s, u, dW, cursor);
    else if constexpr (detail::has_negated_increment<Control, control_time, Increment>::value)
    {
        if constexpr (std::is_same<Cursor, detail::no_control_cursor>::value)
            control.negated_increment(u, s, dW);
        else
            control.negated_increment(u, s, dW, cursor);
    }
    else
    {
        detail::forward_increment(control, u, s, dW, cursor);
        for (auto it = boost::begin(dW); it != boost::end(dW); ++it)
            *it = -*it;
    }
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_SYSTEM_DRIVEN_SYSTEM_HPP_INCLUDED
