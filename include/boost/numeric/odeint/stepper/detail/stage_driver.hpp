/*
 boost/numeric/odeint/stepper/detail/stage_driver.hpp

 How a stepper meets a system, the same code for ODEs and driven systems
 (system/driven_system.hpp, doc/method.md §3). A step asks the driver once for the increment
 ΔX over [from, to] (begin), then evaluates its stages as K_i = F(t_i, Y_i)·ΔX and combines
 them with coefficients w·a_ij, w·b_i, w = weight():

   driven system   K_i = F(t_i, Y_i)·(dt, ΔW), the increment kept in the stepper's workspace
                   with the control's cursor and the field buffers; w = 1.
   ODE system      ΔX = dt, and F·ΔX = dt·f is linear in dt: K_i = f(t_i, Y_i) and w = dt, so
                   the ODE arithmetic is exactly odeint's (a_ij dt) f_j.

 A driven system may also offer field_product(y, t, dt, dW, k), the two in one pass with the
 same arithmetic (no field buffer, one pass over memory less); stage() uses it when present.
 A backward step's increment is kept for the adjoint of the same step: inverse_do_step begins
 with increment_reuse::keep, which records the span and the control that drew it, and
 adjoint_step begins with increment_reuse::take, which turns the kept W(t) − W(t + dt) into
 W(t + dt) − W(t) by negation (exact) instead of asking the control again, when the span and
 the control are the same. Any other begin() forgets the kept increment, so only the
 adjoint_step that directly follows inverse_do_step on the same stepper reuses it; the
 result is bitwise the increment the control would give (a control's increments are pure
 functions of the span). Controls that negate on their own device (negated_increment) are
 asked again.
 Steppers pass the number of field slots they use (at least one: stage() evaluates into slot
 0). For steppers that keep F(t, y) to reuse it with the next increment (reversible_heun), the
 driver has field slots: field(y, slot, t) evaluates F into a slot, increment_of(slot, dt, k)
 returns F·ΔX (for an ODE the slot itself, which is f). The slots of a driven system live in
 the workspace; those of an ODE are deriv buffers the stepper owns.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_STAGE_DRIVER_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_STAGE_DRIVER_HPP_INCLUDED

#include <array>
#include <cmath>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <boost/range/begin.hpp>
#include <boost/range/end.hpp>

#include <boost/numeric/odeint/system/driven_system.hpp>
#include <boost/numeric/odeint/system/detail/system_traits.hpp>  // has_vjp_v, has_field_product
#include <boost/numeric/odeint/util/detail/walker_cache.hpp>
#include <boost/numeric/odeint/util/unwrap_reference.hpp>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

/// How a step's begin() treats the increment: draw it; draw it and keep it for the adjoint
/// of the same step (inverse_do_step); reuse the kept one when it is the same span of the
/// same control (adjoint_step).
enum class increment_reuse { none, keep, take };

/// What a stepper keeps for a driven system S: ΔW, the control's cursor, `Slots` field
/// buffers and one field-shaped cotangent; and, after a begin() with increment_reuse::keep,
/// the span [kept_from, kept_to] of ΔW = W(kept_to) − W(kept_from) and the control that
/// drew it.
template <class System, std::size_t Slots>
struct driven_buffers
{
    using control_type = typename System::control_type;
    using control_time = control_time_t<control_type>;
    typename System::increment_type increment;
    control_cursor_t<control_type> cursor;
    std::array<typename System::field_type, Slots> fields;
    typename System::field_type cotangent;
    bool kept = false;
    const void* kept_control = nullptr;
    control_time kept_from{}, kept_to{};

    template <class StateIn>
    driven_buffers(const System& system, const StateIn& x)
        : increment(system.make_increment()),
          cursor(control_cursor<control_type>::make(system.control())),
          fields(make_fields(system, x, std::make_index_sequence<Slots>{})),
          cotangent(system.make_field(x))
    {
    }

private:
    template <class StateIn, std::size_t... I>
    static std::array<typename System::field_type, Slots>
    make_fields(const System& system, const StateIn& x, std::index_sequence<I...>)
    {
        return {{(static_cast<void>(I), system.make_field(x))...}};
    }
};

template <class System, class Deriv, class Value, class Time, std::size_t Slots,
          bool Driven = is_driven_system_v<System>>
class stage_driver;

/// ODE systems: ΔX = dt carried as the weight of the combination.
template <class System, class Deriv, class Value, class Time, std::size_t Slots>
class stage_driver<System, Deriv, Value, Time, Slots, false>
{
public:
    using system_type = typename odeint::unwrap_reference<System>::type;

    template <class StateIn>
    stage_driver(system_type& system, typed_workspace&, const StateIn&,
                 std::array<Deriv*, Slots> slots = {})
        : m_system(system), m_slots(slots)
    {
    }

    /// Whether the driver's buffers were made for this step (never, for an ODE).
    bool buffers_made() const { return false; }

    /// A step of dt from `from` to `to` (to < from backwards).
    void begin(Time, Time, Time dt, increment_reuse = increment_reuse::none) { m_weight = dt; }

    /// The factor of the combination coefficients: dt, of the time type (a time with units
    /// for a state with units).
    Time weight() const { return m_weight; }

    /// k = f(t, y).
    template <class StateIn>
    void stage(const StateIn& y, Deriv& k, Time t, Time)
    {
        m_system(y, k, t);
    }

    /// Adds (∂f/∂y)ᵀv and (∂f/∂θ)ᵀv; v already carries the weight.
    template <class StateIn, class Cotangent, class Adjoint, class ParameterAdjoint>
    void stage_vjp(const StateIn& y, Time t, Time, const Cotangent& v, Adjoint& adj_y,
                   ParameterAdjoint& adj_p)
    {
        static_assert(has_vjp_v<system_type, const StateIn&, Time, const Cotangent&, Adjoint&,
                                ParameterAdjoint&>,
                      "gradients of an ODE need the system's vector-Jacobian product "
                      "sys.vjp(y, t, v, adj_y, adj_p), adding (df/dy)^T v to adj_y and "
                      "(df/dtheta)^T v to adj_p (doc/reference.md)");
        m_system.vjp(y, t, v, adj_y, adj_p);
    }

    template <class StateIn>
    void field(const StateIn& y, std::size_t slot, Time t)
    {
        m_system(y, *m_slots[slot], t);
    }

    /// The slot itself: f, with dt in the weight.
    const Deriv& increment_of(std::size_t slot, Time, Deriv&) const
    {
        return *m_slots[slot];
    }

    template <class StateIn, class Cotangent, class Adjoint, class ParameterAdjoint>
    void field_vjp(const StateIn& y, Time t, Time dt, const Cotangent& v, Adjoint& adj_y,
                   ParameterAdjoint& adj_p)
    {
        stage_vjp(y, t, dt, v, adj_y, adj_p);
    }

    void swap_slots(std::size_t a, std::size_t b)
    {
        using std::swap;
        swap(*m_slots[a], *m_slots[b]);
    }

private:
    system_type& m_system;
    std::array<Deriv*, Slots> m_slots;
    Time m_weight{};
};

/// Driven systems: ΔX from the control, kept in the stepper's workspace.
template <class System, class Deriv, class Value, class Time, std::size_t Slots>
class stage_driver<System, Deriv, Value, Time, Slots, true>
{
public:
    using system_type = std::remove_cv_t<typename odeint::unwrap_reference<System>::type>;
    using buffers_type = driven_buffers<system_type, Slots>;
    static_assert(Slots >= 1, "a driven stage needs a field buffer");

    template <class StateIn>
    stage_driver(const system_type& system, typed_workspace& workspace, const StateIn& x,
                 std::array<Deriv*, Slots> = {})
        : m_system(system),
          m_buffers(workspace.get<buffers_type>([&] { return buffers_type(system, x); }, m_made))
    {
        // Buffers made for another control (a stepper reused with a new path): made anew,
        // so that the step draws this control's noise.
        if (!cursor_belongs_to(system.control(), m_buffers.cursor))
        {
            m_buffers = buffers_type(system, x);
            m_made = true;
        }
    }

    bool buffers_made() const { return m_made; }

    /// ΔW = W(to) − W(from); to < from for a backward step. With increment_reuse::take, the
    /// increment kept by the previous begin() (increment_reuse::keep) over the reversed span
    /// of the same control is negated instead of drawn again (see the header comment).
    void begin(Time from, Time to, Time, increment_reuse reuse = increment_reuse::none)
    {
        using control_type = typename system_type::control_type;
        using control_time = control_time_t<control_type>;
        using increment_type = typename system_type::increment_type;
        const control_type& control = m_system.control();
        const void* identity = static_cast<const void*>(&control);
        const auto s = static_cast<control_time>(from);
        const auto u = static_cast<control_time>(to);
        buffers_type& b = m_buffers;
        const bool was_kept = b.kept;
        b.kept = false;
        if constexpr (!has_negated_increment<control_type, control_time, increment_type>::value &&
                      std::is_floating_point<control_time>::value)
        {
            if (reuse == increment_reuse::take && was_kept && b.kept_control == identity &&
                same_time(b.kept_from, u) && same_time(b.kept_to, s))
            {
                for (auto it = boost::begin(b.increment); it != boost::end(b.increment); ++it)
                    *it = -*it;
                return;
            }
            if (reuse == increment_reuse::keep)
            {
                control_increment(control, from, to, b.increment, b.cursor);
                b.kept = true;
                b.kept_control = identity;
                b.kept_from = s;
                b.kept_to = u;
                return;
            }
        }
        static_cast<void>(reuse);
        static_cast<void>(was_kept);
        static_cast<void>(identity);
        static_cast<void>(s);
        static_cast<void>(u);
        control_increment(control, from, to, b.increment, b.cursor);
    }

    Value weight() const { return Value(1); }

    /// k = F(t, y)·(dt, ΔW): in one pass when the system has field_product, else through
    /// field slot 0.
    template <class StateIn>
    void stage(const StateIn& y, Deriv& k, Time t, Time dt)
    {
        const auto& dW =
            static_cast<const typename system_type::increment_type&>(m_buffers.increment);
        if constexpr (has_field_product<system_type, StateIn, Time, Deriv>::value)
        {
            m_system.field_product(y, t, dt, dW, k);
            return;
        }
        typename system_type::field_type& f = m_buffers.fields[0];
        m_system(y, f, t);
        m_system.product(static_cast<const typename system_type::field_type&>(f), dt, dW, k);
    }

    /// Adds (∂K/∂y)ᵀv and (∂K/∂θ)ᵀv for K = F(t, y)·(dt, ΔW).
    template <class StateIn, class Cotangent, class Adjoint, class ParameterAdjoint>
    void stage_vjp(const StateIn& y, Time t, Time dt, const Cotangent& v, Adjoint& adj_y,
                   ParameterAdjoint& adj_p)
    {
        using field_type = typename system_type::field_type;
        static_assert(has_vjp_v<const system_type, const StateIn&, Time, const field_type&,
                                Adjoint&, ParameterAdjoint&>,
                      "gradients of a driven system need sys.product_transpose(v, dt, dW, G) "
                      "and sys.vjp(y, t, G, adj_y, adj_p) with G of the system's field_type "
                      "(doc/reference.md)");
        auto& g = m_buffers.cotangent;
        m_system.product_transpose(v, dt,
                                   static_cast<const typename system_type::increment_type&>(
                                       m_buffers.increment),
                                   g);
        m_system.vjp(y, t, static_cast<const typename system_type::field_type&>(g), adj_y,
                     adj_p);
    }

    template <class StateIn>
    void field(const StateIn& y, std::size_t slot, Time t)
    {
        m_system(y, m_buffers.fields[slot], t);
    }

    /// k = F_slot·(dt, ΔW).
    const Deriv& increment_of(std::size_t slot, Time dt, Deriv& k) const
    {
        m_system.product(static_cast<const typename system_type::field_type&>(
                             m_buffers.fields[slot]),
                         dt,
                         static_cast<const typename system_type::increment_type&>(
                             m_buffers.increment),
                         k);
        return k;
    }

    template <class StateIn, class Cotangent, class Adjoint, class ParameterAdjoint>
    void field_vjp(const StateIn& y, Time t, Time dt, const Cotangent& v, Adjoint& adj_y,
                   ParameterAdjoint& adj_p)
    {
        stage_vjp(y, t, dt, v, adj_y, adj_p);
    }

    /// Exchanges two field slots (no copy).
    void swap_slots(std::size_t a, std::size_t b)
    {
        using std::swap;
        swap(m_buffers.fields[a], m_buffers.fields[b]);
    }

private:
    // Bitwise equality of two times (0 and −0 differ).
    template <class T>
    static bool same_time(T a, T b)
    {
        using std::signbit;
        return a == b && signbit(a) == signbit(b);
    }

    const system_type& m_system;
    bool m_made = false;
    buffers_type& m_buffers;
};

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_STAGE_DRIVER_HPP_INCLUDED
