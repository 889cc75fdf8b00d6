/*
 boost/numeric/odeint/nn/adam.hpp

 Adam (Kingma & Ba, "Adam: a method for stochastic optimization", ICLR 2015, Algorithm 1) with
 decoupled weight decay (AdamW: Loshchilov & Hutter, "Decoupled weight decay regularization",
 ICLR 2019, Algorithm 2), a learning-rate schedule and gradient clipping by global norm, on a
 flat std::vector<Value> of parameters and its gradient: the layout of the MLP fields
 (nn/mlp.hpp, nn/batched_mlp.hpp: a drift's θ then a diffusion's θ at its
 parameter_offset, the layout integrate_reversible's parameter gradient has).

   adam_options<Value> o;   o.learning_rate = 5e-3;   o.schedule = cosine_schedule<double>(100);
   adam<Value> optimizer(parameter_count, o);
   optimizer.step(theta, gradient);                     // θ ← θ + Δθ, in place
   const std::vector<Value>& delta = optimizer.update(gradient, theta);   // Δθ only

 Step t = 1, 2, ... with gradient g (Algorithm 1 of Kingma & Ba, written as the update Δθ):

   ‖g‖ > max_gradient_norm:  g ← g · max_gradient_norm / ‖g‖      (clipping; ‖·‖ Euclidean)
   m ← β₁ m + (1 − β₁) g          v ← β₂ v + (1 − β₂) g²           (elementwise)
   η_t = learning_rate · schedule(t − 1)                          (no schedule: factor 1)
   Δθ = −η_t (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)  −  η_t λ θ    (λ = weight_decay)

 With λ = 0 this is plain Adam; the decay term uses θ before the step and is scaled by the
 scheduled rate, as in AdamW and PyTorch's torch.optim.AdamW. Defaults: learning_rate 1e-3,
 β₁ 0.9, β₂ 0.999, ε 1e-8, λ 0, max_gradient_norm +∞ (no clipping), no schedule.

 Schedules are callables step → factor (step = t − 1 = steps taken before, 0 first):
   step_decay_schedule<Value>(every, factor)     factor^⌊step / every⌋
   cosine_schedule<Value>(steps, final_factor)   final + (1 − final)(1 + cos(π min(step, steps)/steps))/2

 Errors (std::invalid_argument, naming the value): a learning rate, ε or max_gradient_norm that
 is not positive or is NaN (max_gradient_norm may be +∞; the others must be finite), β₁ or β₂
 outside [0, 1), a negative or non-finite weight decay, a schedule factor that is negative or
 non-finite (naming the step), a gradient or parameter vector whose size is not the optimizer's,
 and a non-finite gradient entry (naming its index). A step that throws changes nothing.
*/
#ifndef BOOST_NUMERIC_ODEINT_NN_ADAM_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NN_ADAM_HPP_INCLUDED

#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace boost {
namespace numeric {
namespace odeint {

/// The options of adam; see the header's first comment for the update they enter.
template <class Value = double>
struct adam_options
{
    Value learning_rate = Value(1e-3);
    Value beta1 = Value(0.9);
    Value beta2 = Value(0.999);
    Value epsilon = Value(1e-8);
    Value weight_decay = Value(0);  // decoupled (AdamW)
    Value max_gradient_norm = std::numeric_limits<Value>::infinity();  // +∞: no clipping
    /// step (0 for the first) → factor on learning_rate; empty: factor 1.
    std::function<Value(std::size_t)> schedule;
};

namespace detail {

template <class Value>
std::string adam_number(Value x)
{
    std::ostringstream s;
    s.precision(17);
    s << x;
    return s.str();
}

} // namespace detail

/// factor^⌊step / every⌋: the rate multiplied by `factor` every `every` steps.
template <class Value = double>
std::function<Value(std::size_t)> step_decay_schedule(std::size_t every, Value factor)
{
    if (every == 0)
        throw std::invalid_argument("step_decay_schedule: every = 0 steps; it must be at least 1");
    if (!(factor >= 0) || !std::isfinite(factor))
        throw std::invalid_argument("step_decay_schedule: factor = " + detail::adam_number(factor) +
                                    "; it must be finite and not negative");
    return [every, factor](std::size_t step) {
        return Value(std::pow(factor, Value(step / every)));
    };
}

/// Cosine decay from 1 at step 0 to final_factor at step `steps` (and after).
template <class Value = double>
std::function<Value(std::size_t)> cosine_schedule(std::size_t steps, Value final_factor = Value(0))
{
    if (steps == 0)
        throw std::invalid_argument("cosine_schedule: steps = 0; it must be at least 1");
    if (!(final_factor >= 0) || !std::isfinite(final_factor))
        throw std::invalid_argument("cosine_schedule: final_factor = " +
                                    detail::adam_number(final_factor) +
                                    "; it must be finite and not negative");
    return [steps, final_factor](std::size_t step) {
        const Value pi = Value(3.14159265358979323846);
        const Value s = Value(step < steps ? step : steps) / Value(steps);
        return final_factor + (Value(1) - final_factor) * (Value(1) + std::cos(pi * s)) / Value(2);
    };
}

/// Adam / AdamW on a flat parameter vector of a fixed size.
template <class Value = double>
class adam
{
public:
    using value_type = Value;
    using vector_type = std::vector<Value>;

    explicit adam(std::size_t parameter_count, adam_options<Value> options = adam_options<Value>())
        : m_options(std::move(options)), m_m(parameter_count, Value(0)),
          m_v(parameter_count, Value(0)), m_update(parameter_count, Value(0)),
          m_clipped(parameter_count, Value(0))
    {
        const adam_options<Value>& o = m_options;
        const auto positive_finite = [](const char* name, Value x) {
            if (!(x > 0) || !std::isfinite(x))
                throw std::invalid_argument(std::string("adam: ") + name + " = " +
                                            detail::adam_number(x) +
                                            "; it must be positive and finite");
        };
        positive_finite("learning_rate", o.learning_rate);
        positive_finite("epsilon", o.epsilon);
        for (const auto& beta : {std::make_pair("beta1", o.beta1), std::make_pair("beta2", o.beta2)})
            if (!(beta.second >= 0 && beta.second < 1))
                throw std::invalid_argument(std::string("adam: ") + beta.first + " = " +
                                            detail::adam_number(beta.second) +
                                            "; it must lie in [0, 1)");
        if (!(o.weight_decay >= 0) || !std::isfinite(o.weight_decay))
            throw std::invalid_argument("adam: weight_decay = " +
                                        detail::adam_number(o.weight_decay) +
                                        "; it must be finite and not negative (0: no decay)");
        if (!(o.max_gradient_norm > 0))
            throw std::invalid_argument("adam: max_gradient_norm = " +
                                        detail::adam_number(o.max_gradient_norm) +
                                        "; it must be positive (+infinity, the default: no "
                                        "clipping)");
    }

    /// Δθ of the next step (see the header comment), the optimizer's state advanced; θ is only
    /// read (for the weight decay). The reference stays valid until the next call.
    const vector_type& update(const vector_type& gradient, const vector_type& parameters)
    {
        check_size("parameters", parameters.size());
        return advance(gradient, &parameters);
    }

    /// Δθ without weight decay (throws when weight_decay > 0: the decay needs θ).
    const vector_type& update(const vector_type& gradient)
    {
        if (m_options.weight_decay > 0)
            throw std::invalid_argument(
                "adam::update(gradient): weight_decay = " +
                detail::adam_number(m_options.weight_decay) +
                " needs the parameters; call update(gradient, parameters) or step(parameters, "
                "gradient)");
        return advance(gradient, nullptr);
    }

    /// One step in place: parameters += update(gradient, parameters).
    void step(vector_type& parameters, const vector_type& gradient)
    {
        const vector_type& delta = update(gradient, parameters);
        for (std::size_t i = 0; i < parameters.size(); ++i)
            parameters[i] += delta[i];
    }

    std::size_t parameter_count() const { return m_m.size(); }
    /// Steps taken so far (t of the last step).
    std::size_t step_count() const { return m_t; }
    /// ‖g‖ of the last step's gradient before clipping (0 before the first step).
    Value gradient_norm() const { return m_gradient_norm; }
    /// η_t of the last step (0 before the first step).
    Value learning_rate() const { return m_learning_rate; }
    const adam_options<Value>& options() const { return m_options; }

private:
    void check_size(const char* what, std::size_t size) const
    {
        if (size != m_m.size())
            throw std::invalid_argument("adam: " + std::string(what) + " has " +
                                        std::to_string(size) + " entries, the optimizer " +
                                        std::to_string(m_m.size()));
    }

    const vector_type& advance(const vector_type& gradient, const vector_type* parameters)
    {
        check_size("gradient", gradient.size());
        const std::size_t n = m_m.size();
        Value squared = 0;
        for (std::size_t i = 0; i < n; ++i)
        {
            if (!std::isfinite(gradient[i]))
                throw std::invalid_argument("adam: gradient[" + std::to_string(i) + "] = " +
                                            detail::adam_number(gradient[i]) +
                                            " is not finite");
            squared += gradient[i] * gradient[i];
        }
        const Value norm = std::sqrt(squared);
        Value factor = 1;
        if (m_options.schedule)
        {
            factor = m_options.schedule(m_t);
            if (!(factor >= 0) || !std::isfinite(factor))
                throw std::invalid_argument("adam: schedule(" + std::to_string(m_t) + ") = " +
                                            detail::adam_number(factor) +
                                            "; a learning-rate factor must be finite and not "
                                            "negative");
        }
        // Nothing above changed the state: a step that throws changes nothing.
        const vector_type* g = &gradient;
        if (norm > m_options.max_gradient_norm)
        {
            const Value scale = m_options.max_gradient_norm / norm;
            for (std::size_t i = 0; i < n; ++i)
                m_clipped[i] = gradient[i] * scale;
            g = &m_clipped;
        }
        ++m_t;
        m_gradient_norm = norm;
        m_learning_rate = m_options.schedule ? m_options.learning_rate * factor
                                             : m_options.learning_rate;
        const Value beta1 = m_options.beta1, beta2 = m_options.beta2;
        const Value c1 = 1 - std::pow(beta1, Value(m_t)), c2 = 1 - std::pow(beta2, Value(m_t));
        const Value rate = m_learning_rate, decay = m_options.weight_decay;
        for (std::size_t i = 0; i < n; ++i)
        {
            const Value gi = (*g)[i];
            m_m[i] = beta1 * m_m[i] + (1 - beta1) * gi;
            m_v[i] = beta2 * m_v[i] + (1 - beta2) * gi * gi;
            m_update[i] = -rate * (m_m[i] / c1) / (std::sqrt(m_v[i] / c2) + m_options.epsilon);
            if (parameters && decay > 0)
                m_update[i] -= rate * decay * (*parameters)[i];
        }
        return m_update;
    }

    adam_options<Value> m_options;
    vector_type m_m, m_v, m_update, m_clipped;
    std::size_t m_t = 0;
    Value m_gradient_norm = 0;
    Value m_learning_rate = 0;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif
