/*
 boost/numeric/odeint/system/ito_sde.hpp

 Itô SDEs  dy = f(t, y) dt + g(t, y) dW  (torchsde's default convention), stepped as the
 Stratonovich SDE with the same solution (doc/method.md §3):

     dy = (f − ½ c) dt + g ∘ dW,      c_i = Σ_j Σ_k g_kj ∂g_ij/∂y_k,

 so every stepper, path and gradient of the library applies unchanged. make_ito_sde takes the
 drift and diffusion in the form of make_stratonovich_sde (stratonovich_sde.hpp) and a noise
 type:

   diagonal_noise   g_i depends on y_i only (torchsde's diagonal noise): c_i = g_i ∂g_i/∂y_i,
                    computed as (∂g/∂y)ᵀg by one diffusion.vjp per evaluation
   scalar_noise     one Brownian motion, g state-shaped: c = (∂g/∂y) g, computed row by row
                    from d diffusion.vjp calls (O(d²) per evaluation; give c for large d)
   additive_noise   diagonal g independent of y: c = 0, Itô and Stratonovich agree

 or a correction the user knows in closed form, make_ito_sde<State>(drift, diffusion, path,
 noise, correction) with

     correction(y, c, t)                  c as above, state-shaped
     correction.vjp(y, t, v, adj_y, adj_p)  adds (∂c/∂y)ᵀv and (∂c/∂θ)ᵀv (for gradients)

 The correction asks diffusion.vjp for its state cotangent only. A vjp generic in its adj_p
 gets a parameter cotangent that discards what is added to it; a vjp taking a concrete vector
 (std::vector<double>& adj_p, as in doc/reference.md) gets a scratch vector of the calling
 thread, zeroed before each evaluation and never read, of parameter_count entries: the count
 given as make_ito_sde<State>(drift, diffusion, path, noise, parameter_count), else the
 diffusion's required_parameter_count(); with neither it is a compile-time error naming both.
 A negative count, or one below the diffusion's required_parameter_count(), is
 std::invalid_argument naming the values.

 Gradients (integrate_reversible) need the vjp of the corrected drift, hence of c: they work
 for additive noise and for a given correction with a vjp; with a correction computed from
 diffusion.vjp they would need second derivatives of g, and asking for them is a compile-time
 error naming the fix. A drift, diffusion or correction that resizes its output is
 std::invalid_argument naming it and both sizes (as in stratonovich_sde.hpp), before its
 output is read. The correction's work space is per thread, so one Itô SDE object can
 be stepped from several threads at once when its drift and diffusion allow it.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_SYSTEM_ITO_SDE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_SYSTEM_ITO_SDE_HPP_INCLUDED

#include <algorithm>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>

#include <boost/numeric/odeint/system/stratonovich_sde.hpp>

namespace boost {
namespace numeric {
namespace odeint {

namespace detail {

/// A parameter cotangent that discards what is added to it (the correction needs the
/// diffusion's state cotangent only).
template <class Value>
struct discarded_parameters
{
    mutable Value sink{};
    std::size_t size() const { return std::numeric_limits<std::size_t>::max() / 2; }
    Value& operator[](std::size_t) const { return sink; }
};

/// Whether diffusion.vjp(y, t, u, adj_y, adj_p) accepts a discarded_parameters adj_p.
template <class Diffusion, class StateIn, class Time, class State, class Adjoint, class Value,
          class = void>
struct vjp_takes_discarded_parameters : std::false_type {};

template <class Diffusion, class StateIn, class Time, class State, class Adjoint, class Value>
struct vjp_takes_discarded_parameters<
    Diffusion, StateIn, Time, State, Adjoint, Value,
    std::void_t<decltype(std::declval<const Diffusion&>().vjp(
        std::declval<const StateIn&>(), std::declval<Time>(), std::declval<const State&>(),
        std::declval<Adjoint&>(), std::declval<discarded_parameters<Value>&>()))>>
    : std::true_type {};

/// The parameter count make_ito_sde was given, checked: not negative, and not below the
/// diffusion's required_parameter_count() when it declares one.
template <class Diffusion, class Count>
std::size_t checked_parameter_count(const Diffusion& diffusion, Count count)
{
    static_assert(std::is_integral<Count>::value && !std::is_same<Count, bool>::value,
                  "make_ito_sde's fifth argument is a correction or an integer parameter_count");
    if constexpr (std::is_signed<Count>::value)
        if (count < 0)
            throw std::invalid_argument("make_ito_sde: parameter_count is " +
                                        std::to_string(count) + ", it must not be negative");
    const std::size_t n = static_cast<std::size_t>(count);
    const std::size_t required = declared_required_parameters(diffusion, 0);
    if (n < required)
        throw std::invalid_argument("make_ito_sde: parameter_count is " + std::to_string(n) +
                                    " but the diffusion's required_parameter_count() is " +
                                    std::to_string(required));
    return n;
}

/// A state-shaped work buffer of the calling thread, sized like y.
template <class State, int Slot, class StateIn>
State& thread_buffer(const StateIn& y)
{
    thread_local state_wrapper<State> buffer;
    adjust_size_by_resizeability(buffer, y, typename is_resizeable<State>::type());
    return buffer.m_v;
}

/// c = (∂g/∂y)ᵀg (diagonal noise, g_i a function of y_i) or c = (∂g/∂y)g (scalar noise),
/// from the diffusion's vjp; Counted: make_ito_sde was given parameter_count.
template <class State, class Diffusion, class Noise, bool Counted = false>
struct vjp_ito_correction
{
    Diffusion diffusion;
    /// Counted: the size of the scratch adj_p for a vjp that takes a concrete vector
    /// (otherwise the diffusion's required_parameter_count()).
    std::size_t parameter_count = 0;

    template <class StateIn, class StateOut, class Time>
    void operator()(const StateIn& y, StateOut& c, Time t) const
    {
        using value_type = std::decay_t<decltype(c[0])>;
        if constexpr (vjp_takes_discarded_parameters<Diffusion, StateIn, Time, State, State,
                                                     value_type>::value)
        {
            discarded_parameters<value_type> no_parameters;
            correct(y, c, t, no_parameters);
        }
        else
        {
            static_assert(Counted || declares_required_parameters<Diffusion>::value,
                          "make_ito_sde: this diffusion.vjp takes a concrete adj_p, so the Itô "
                          "correction needs its size: pass it as make_ito_sde<State>(drift, "
                          "diffusion, path, noise, parameter_count) or declare "
                          "diffusion.required_parameter_count()");
            const std::size_t n =
                Counted ? parameter_count : declared_required_parameters(diffusion, 0);
            thread_local std::vector<value_type> scratch;
            scratch.assign(n, value_type(0));
            correct(y, c, t, scratch);
        }
    }

    template <class StateIn, class StateOut, class Time, class ParameterAdjoint>
    void correct(const StateIn& y, StateOut& c, Time t, ParameterAdjoint& no_parameters) const
    {
        using value_type = std::decay_t<decltype(c[0])>;
        State& g = thread_buffer<State, 0>(y);
        diffusion(y, g, t);
        const std::size_t d = y.size();
        check_coefficient_size("ito_sde", noise_name(), "diffusion", g.size(), d, d);
        for (std::size_t i = 0; i < d; ++i)
            c[i] = value_type(0);
        if constexpr (std::is_same<Noise, diagonal_noise>::value)
            diffusion.vjp(y, t, static_cast<const State&>(g), c, no_parameters);
        else
        {
            static_assert(std::is_same<Noise, scalar_noise>::value,
                          "the Itô correction from diffusion.vjp is for diagonal_noise and "
                          "scalar_noise");
            State& unit = thread_buffer<State, 1>(y);
            State& row = thread_buffer<State, 2>(y);
            for (std::size_t k = 0; k < d; ++k)
                unit[k] = value_type(0);
            for (std::size_t i = 0; i < d; ++i)
            {
                for (std::size_t k = 0; k < d; ++k)
                    row[k] = value_type(0);
                unit[i] = value_type(1);
                diffusion.vjp(y, t, static_cast<const State&>(unit), row, no_parameters);
                unit[i] = value_type(0);
                value_type sum(0);
                for (std::size_t k = 0; k < d; ++k)
                    sum += row[k] * g[k];
                c[i] = sum;
            }
        }
    }

    static const char* noise_name()
    {
        return std::is_same<Noise, diagonal_noise>::value ? "diagonal_noise" : "scalar_noise";
    }
};

} // namespace detail

/// The Stratonovich drift f − ½ c of an Itô SDE with drift f and correction c.
template <class State, class Drift, class Correction>
class ito_corrected_drift
{
public:
    ito_corrected_drift(Drift drift, Correction correction)
        : m_drift(std::move(drift)), m_correction(std::move(correction))
    {
    }

    template <class StateIn, class StateOut, class Time>
    void operator()(const StateIn& y, StateOut& f, Time t) const
    {
        using value_type = std::decay_t<decltype(f[0])>;
        const std::size_t d = y.size();
        m_drift(y, f, t);
        detail::check_coefficient_size("ito_sde", nullptr, "drift", f.size(), d, d);
        State& c = detail::thread_buffer<State, 3>(y);
        m_correction(y, c, t);
        detail::check_coefficient_size("ito_sde", nullptr, "Itô correction", c.size(), d, d);
        for (std::size_t i = 0; i < d; ++i)
            f[i] -= value_type(0.5) * c[i];
    }

    /// Adds the vjp of f − ½ c: drift.vjp(v) and correction.vjp(−v/2).
    template <class StateIn, class Time, class Vector, class Adjoint, class ParameterAdjoint>
    void vjp(const StateIn& y, Time t, const Vector& v, Adjoint& adj_y,
             ParameterAdjoint& adj_p) const
    {
        m_drift.vjp(y, t, v, adj_y, adj_p);
        correction_vjp(m_correction, y, t, v, adj_y, adj_p);
    }

    /// The size grad_p needs at least, when the drift or the correction declares it.
    template <class D = Drift, class C = Correction,
              std::enable_if_t<detail::declares_required_parameters<D>::value ||
                                   detail::declares_required_parameters<C>::value,
                               int> = 0>
    std::size_t required_parameter_count() const
    {
        return std::max(detail::declared_required_parameters(m_drift, 0),
                        detail::declared_required_parameters(m_correction, 0));
    }

    const Drift& drift() const { return m_drift; }
    const Correction& correction() const { return m_correction; }

private:
    template <class C, class StateIn, class Time, class Vector, class Adjoint,
              class ParameterAdjoint>
    static auto correction_vjp(const C& correction, const StateIn& y, Time t, const Vector& v,
                               Adjoint& adj_y, ParameterAdjoint& adj_p)
        -> decltype(correction.vjp(y, t, v, adj_y, adj_p), void())
    {
        using value_type = std::decay_t<decltype(v[0])>;
        State& half = detail::thread_buffer<State, 4>(y);
        const std::size_t d = y.size();
        for (std::size_t i = 0; i < d; ++i)
            half[i] = value_type(-0.5) * v[i];
        correction.vjp(y, t, static_cast<const State&>(half), adj_y, adj_p);
    }

    template <class State2, class Diffusion, class Noise, bool Counted, class... Rest>
    static void correction_vjp(
        const detail::vjp_ito_correction<State2, Diffusion, Noise, Counted>&,
                               Rest&&...)
    {
        static_assert(sizeof(State2) == 0,
                      "gradients through an Itô SDE need the vjp of its drift correction: pass "
                      "make_ito_sde a correction with correction(y, c, t) and "
                      "correction.vjp(y, t, v, adj_y, adj_p)");
    }

    Drift m_drift;
    Correction m_correction;
};

/// The Itô SDE dy = drift dt + diffusion dW on `path`, as a Stratonovich driven system; the
/// correction c is computed from diffusion.vjp (diagonal_noise, scalar_noise) or is zero
/// (additive_noise).
template <class State, class Noise = diagonal_noise, class Drift, class Diffusion, class Path>
auto make_ito_sde(Drift drift, Diffusion diffusion, Path path, Noise = Noise())
{
    if constexpr (std::is_same<Noise, additive_noise>::value)
        return make_stratonovich_sde<State>(std::move(drift), std::move(diffusion),
                                            std::move(path), diagonal_noise());
    else
    {
        static_assert(std::is_same<Noise, diagonal_noise>::value ||
                          std::is_same<Noise, scalar_noise>::value,
                      "make_ito_sde takes diagonal_noise, scalar_noise or additive_noise; for "
                      "general noise give the correction c");
        using correction = detail::vjp_ito_correction<State, Diffusion, Noise>;
        ito_corrected_drift<State, Drift, correction> corrected(std::move(drift),
                                                                correction{diffusion});
        return make_stratonovich_sde<State>(std::move(corrected), std::move(diffusion),
                                            std::move(path), Noise());
    }
}

/// The Itô SDE with the correction from diffusion.vjp (diagonal_noise, scalar_noise), whose
/// adj_p has parameter_count entries (see the header comment); additive_noise ignores the
/// count.
template <class State, class Noise, class Drift, class Diffusion, class Path, class Count,
          std::enable_if_t<std::is_integral<Count>::value, int> = 0>
auto make_ito_sde(Drift drift, Diffusion diffusion, Path path, Noise, Count parameter_count)
{
    const std::size_t n = detail::checked_parameter_count(diffusion, parameter_count);
    if constexpr (std::is_same<Noise, additive_noise>::value)
        return make_ito_sde<State>(std::move(drift), std::move(diffusion), std::move(path),
                                   additive_noise());
    else
    {
        static_assert(std::is_same<Noise, diagonal_noise>::value ||
                          std::is_same<Noise, scalar_noise>::value,
                      "make_ito_sde takes diagonal_noise, scalar_noise or additive_noise; for "
                      "general noise give the correction c");
        using correction = detail::vjp_ito_correction<State, Diffusion, Noise, true>;
        ito_corrected_drift<State, Drift, correction> corrected(std::move(drift),
                                                                correction{diffusion, n});
        return make_stratonovich_sde<State>(std::move(corrected), std::move(diffusion),
                                            std::move(path), Noise());
    }
}

/// The Itô SDE with a correction c given in closed form (see the header comment).
template <class State, class Noise, class Drift, class Diffusion, class Path, class Correction,
          std::enable_if_t<!std::is_integral<Correction>::value, int> = 0>
auto make_ito_sde(Drift drift, Diffusion diffusion, Path path, Noise, Correction correction)
{
    using noise = std::conditional_t<std::is_same<Noise, additive_noise>::value, diagonal_noise,
                                     Noise>;
    ito_corrected_drift<State, Drift, Correction> corrected(std::move(drift),
                                                            std::move(correction));
    return make_stratonovich_sde<State>(std::move(corrected), std::move(diffusion),
                                        std::move(path), noise());
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_SYSTEM_ITO_SDE_HPP_INCLUDED
