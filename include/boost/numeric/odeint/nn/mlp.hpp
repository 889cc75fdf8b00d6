/*
 boost/numeric/odeint/nn/mlp.hpp

 A small dense multilayer perceptron with analytic vector–Jacobian products, and the ODE / SDE
 vector field made from one: the "neural ODE" dy/dt = f_θ(t, y) (Chen, Rubanova, Bettencourt &
 Duvenaud, NeurIPS 2018) and the drift and diagonal diffusion of a neural SDE
 (Kidger, Foster, Li & Lyons, "Efficient and accurate gradients for neural SDEs", NeurIPS 2021),
 for tests and examples of integrate_reversible.

   mlp<Value>                 y = σ_out(W_L σ(... σ(W_1 x + b_1) ...) + b_L)
   mlp_vector_field<Value>    f(t, y) = mlp(y)  or  mlp([y, t])  (mlp_time::input)

 Layers. Sizes {n_0 = n_in, n_1, ..., n_L = n_out}, L ≥ 1 affine layers. The hidden
 activation σ follows every layer but the last:

   mlp_activation::tanh       σ(z) = tanh z
   mlp_activation::lipswish   σ(z) = 0.909 z sigmoid(z)   (LipSwish, Lipschitz constant ≤ 1;
                              Chen, Behrmann, Duvenaud & Jacobsen, NeurIPS 2019, used by
                              Kidger et al. 2021)

 and the output activation σ_out is mlp_output_activation::none (identity, the default) or
 ::tanh (a bounded output, e.g. for a diffusion).

 Parameters. All of θ lives in one flat std::vector<Value>, layer after layer; layer l
 (1 ≤ l ≤ L) holds its weights W_l row-major, W_l[i][j] at offset_l + i·n_{l-1} + j
 (i < n_l outputs, j < n_{l-1} inputs), then its biases b_l[i] at offset_l + n_l·n_{l-1} + i;
 offset_1 = 0 and offset_{l+1} = offset_l + n_l·(n_{l-1} + 1). The seeded constructor draws
 W_l[i][j] ~ N(0, 1/n_{l-1}) (LeCun normal) from std::mt19937_64(seed) by Box–Muller on the
 top 53 bits of each draw (the engine is specified exactly by the standard, so the weights do
 not depend on the standard library; only the platform's log/cos/sin round), biases 0.

 Vector–Jacobian products. vjp(x, v, adj_x, adj_p) ADDS (∂y/∂x)ᵀv to adj_x and (∂y/∂θ)ᵀv to
 adj_p (flat, in the layout above) by reverse-mode differentiation of the layers; it redoes the
 forward pass itself, so no state is carried between calls. mlp_vector_field::vjp is the
 library's gradient contract (ees_generic_rk::adjoint_step, stratonovich_sde.hpp):

     field.vjp(y, t, v, adj_y, adj_p)    // adj_y += (∂f/∂y)ᵀv, adj_p += (∂f/∂θ)ᵀv

 (with time as an input the cotangent of t is dropped). A drift and a diffusion that share one
 parameter gradient place their θ at different offsets of it: construct the second field
 with parameter_offset = first.network().parameter_count().

 Work space and threads. The buffers for every layer's pre-activations, activations and
 cotangents belong to the calling thread (a thread_local work space, grown once to the
 largest network the thread evaluates), not to the object: an mlp and an mlp_vector_field
 are immutable during operator() and vjp, so one const object, and one SDE made from it,
 can be evaluated from several threads at once, and after a thread's first calls operator()
 and vjp do not allocate. Sizes are checked on every call and a mismatch throws
 std::invalid_argument naming both sizes.

 Activations kept for the vjp. mlp_vector_field's forward passes keep their activations in
 the thread's work space (the last 8, and no more than 64 MiB hold), each with its key: the
 network's layer sizes, activations and time input, a copy of θ, y and (with time as an
 input) t. A forward pass or vjp whose key equals a kept one bit for bit reuses them (a vjp
 then runs its backward pass only), as a stepper's adjoint does when it asks for the vjp at
 the stages it has just evaluated; any other key computes them. The values are the same bits
 either way: θ changed in place, another field, state or time all miss.
 set_reuse_activations(false) turns this off for a field. (mlp's own operator() and vjp keep
 nothing.)

 Parameter count. mlp_vector_field::required_parameter_count() = parameter_offset +
 the network's parameter count: the size grad_p needs at least. integrate_reversible and
 integrate_discrete_adjoint check it (through the SDE, which declares the larger of its
 drift's and diffusion's) before the forward solve.

 Copies. odeint's integrate functions and steppers take the system by value and copy it on
 every step, which copies all weights; pass std::ref(field) to integrate_const,
 integrate_n_steps, ... to avoid that (integrate_reversible and integrate_discrete_adjoint
 copy the system once and then pass std::ref internally). make_stratonovich_sde stores
 copies of its drift and diffusion (it calls their vjp, so std::ref does not fit there):
 rebuild the SDE after changing θ, which costs one copy of the weights, not one per step.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NN_MLP_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NN_MLP_HPP_INCLUDED

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/nn/mlp_core.hpp>

namespace boost {
namespace numeric {
namespace odeint {

template <class Value>
class mlp_vector_field;

namespace detail {

template <class Value>
void grow_mlp_buffer(std::vector<Value>& v, std::size_t n)
{
    if (v.size() < n)
        v.resize(n);
}

/// The key of a kept forward pass of an MLP field (mlp_vector_field, batched_mlp_field): the
/// network's shape and time input and a copy of its θ (the field's input, y and t, is kept
/// in the pass's own input buffer), whether the pass is complete, and its last use.
template <class Value>
struct mlp_pass_key
{
    std::vector<std::size_t> sizes;
    int hidden = -1, output = -1, time = -1;
    std::vector<Value> parameters;
    bool valid = false;
    std::uint64_t last_use = 0;

    /// Whether the kept pass is complete and of `network` with `time` as the field's time
    /// input: the same layer sizes, activations and time input (θ: same_parameters).
    template <class Network>
    bool same_shape(const Network& network, mlp_time time_input) const
    {
        return valid && hidden == static_cast<int>(network.hidden_activation()) &&
               output == static_cast<int>(network.output_activation()) &&
               time == static_cast<int>(time_input) && sizes == network.layer_sizes();
    }

    /// Whether the kept θ equals the network's, bit for bit.
    template <class Network>
    bool same_parameters(const Network& network) const
    {
        const auto& theta = network.parameters();
        return parameters.size() == theta.size() &&
               std::memcmp(parameters.data(), theta.data(), theta.size() * sizeof(Value)) == 0;
    }

    /// Records the key of a pass just computed for `network` with `time_input` at `clock`.
    template <class Network>
    void keep(const Network& network, mlp_time time_input, std::uint64_t clock)
    {
        const auto& theta = network.parameters();
        parameters.assign(theta.begin(), theta.end());
        sizes = network.layer_sizes();
        hidden = static_cast<int>(network.hidden_activation());
        output = static_cast<int>(network.output_activation());
        time = static_cast<int>(time_input);
        last_use = clock;
        valid = true;
    }
};

/// The activations of one forward pass, z_l and a_l (a_0 the input), grown (never shrunk) to
/// fit the networks evaluated into them; for a kept pass of mlp_vector_field also its key
/// (the input a_0 holds y and t).
template <class Value>
struct mlp_activations : mlp_pass_key<Value>
{
    std::vector<std::vector<Value>> z, a;

    void fit(const std::vector<std::size_t>& layer_sizes)
    {
        const std::size_t layers = layer_sizes.size() - 1;
        if (a.size() < layers + 1)
            a.resize(layers + 1);
        if (z.size() < layers)
            z.resize(layers);
        grow_mlp_buffer(a[0], layer_sizes[0]);
        for (std::size_t l = 1; l <= layers; ++l)
        {
            grow_mlp_buffer(a[l], layer_sizes[l]);
            grow_mlp_buffer(z[l - 1], layer_sizes[l]);
        }
    }
};

/// The work space of mlp evaluations on the calling thread: the kept forward passes of
/// mlp_vector_field (see the header comment), one pass that is not kept, and two cotangent
/// buffers, all grown (never shrunk) to fit every network the thread evaluates, so that it
/// allocates only on a thread's first calls with a larger network. forward_passes and
/// reused_passes count the forward passes computed and those taken from a kept entry.
template <class Value>
struct mlp_workspace
{
    /// The most forward passes kept, and the most bytes they may hold.
    static constexpr std::size_t max_entries = 8;
    static constexpr std::size_t max_bytes = std::size_t(64) << 20;

    std::vector<mlp_activations<Value>> entries;
    mlp_activations<Value> unkept;
    std::vector<Value> delta, delta_below;
    std::uint64_t clock = 0;
    std::size_t forward_passes = 0, reused_passes = 0;

    static mlp_workspace& of_this_thread()
    {
        thread_local mlp_workspace workspace;
        return workspace;
    }

    /// The thread's work space with the unkept pass and the cotangents fitted to `sizes`.
    static mlp_workspace& fitted(const std::vector<std::size_t>& sizes)
    {
        mlp_workspace& workspace = of_this_thread();
        workspace.unkept.fit(sizes);
        workspace.fit_cotangents(sizes);
        return workspace;
    }

    void fit_cotangents(const std::vector<std::size_t>& sizes)
    {
        for (std::size_t l = 1; l < sizes.size(); ++l)
        {
            grow_mlp_buffer(delta, sizes[l]);
            grow_mlp_buffer(delta_below, sizes[l]);
        }
    }
};

} // namespace detail

/// A dense multilayer perceptron with flat parameters and vector–Jacobian products; see the
/// header comment.
template <class Value = double>
class mlp
{
public:
    using value_type = Value;

    /// LeCun-normal weights from `seed`, zero biases.
    mlp(std::vector<std::size_t> layer_sizes, mlp_activation hidden, std::uint64_t seed,
        mlp_output_activation output = mlp_output_activation::none)
        : mlp(std::move(layer_sizes), hidden, output)
    {
        std::mt19937_64 engine(seed);
        const auto uniform_open01 = [&engine] {
            return (double(engine() >> 11) + 0.5) * 0x1.0p-53;  // (2k + 1) 2^-54, never 0 or 1
        };
        constexpr double two_pi = 6.283185307179586476925286766559;
        for (std::size_t l = 0; l + 1 < m_sizes.size(); ++l)
        {
            const std::size_t weights = m_sizes[l + 1] * m_sizes[l];
            const double scale = 1.0 / std::sqrt(double(m_sizes[l]));
            for (std::size_t k = 0; k < weights; k += 2)
            {
                const double r = std::sqrt(-2.0 * std::log(uniform_open01()));
                const double angle = two_pi * uniform_open01();
                m_parameters[m_offsets[l] + k] = static_cast<Value>(scale * r * std::cos(angle));
                if (k + 1 < weights)
                    m_parameters[m_offsets[l] + k + 1] =
                        static_cast<Value>(scale * r * std::sin(angle));
            }
        }
    }

    /// Explicit parameters in the layout of the header comment; their count is checked.
    mlp(std::vector<std::size_t> layer_sizes, mlp_activation hidden,
        std::vector<Value> parameters,
        mlp_output_activation output = mlp_output_activation::none)
        : mlp(std::move(layer_sizes), hidden, output)
    {
        detail::check_mlp_size("mlp", "the parameter vector", parameters.size(),
                               m_parameters.size());
        m_parameters = std::move(parameters);
    }

    std::size_t input_size() const { return m_sizes.front(); }
    std::size_t output_size() const { return m_sizes.back(); }
    std::size_t parameter_count() const { return m_offsets.back(); }
    const std::vector<std::size_t>& layer_sizes() const { return m_sizes; }
    mlp_activation hidden_activation() const { return m_hidden; }
    mlp_output_activation output_activation() const { return m_output; }

    /// θ, flat (layout in the header comment). Change the values freely; the size is fixed
    /// (a resized vector makes the next call throw std::logic_error).
    const std::vector<Value>& parameters() const { return m_parameters; }
    std::vector<Value>& parameters() { return m_parameters; }

    /// y = mlp(x); x and y indexed with [] and sized input_size() and output_size().
    template <class In, class Out>
    void operator()(const In& x, Out& y) const
    {
        detail::check_mlp_size("mlp", "the input", x.size(), input_size());
        detail::check_mlp_size("mlp", "the output", y.size(), output_size());
        auto& w = workspace();
        load_input(w.unkept, x, input_size());
        forward(w.unkept);
        store_output(w.unkept, y);
    }

    /// Adds (∂y/∂x)ᵀv to adj_x (size input_size()) and (∂y/∂θ)ᵀv to adj_p (size
    /// parameter_count()), v of size output_size().
    template <class In, class V, class AdjIn, class AdjP>
    void vjp(const In& x, const V& v, AdjIn& adj_x, AdjP& adj_p) const
    {
        detail::check_mlp_size("mlp::vjp", "the input", x.size(), input_size());
        detail::check_mlp_size("mlp::vjp", "the cotangent v", v.size(), output_size());
        detail::check_mlp_size("mlp::vjp", "adj_x", adj_x.size(), input_size());
        detail::check_mlp_size("mlp::vjp", "adj_p", adj_p.size(), parameter_count());
        auto& w = workspace();
        load_input(w.unkept, x, input_size());
        forward(w.unkept);
        backward(w.unkept, w, v, adj_x, input_size(), adj_p, 0);
    }

private:
    template <class>
    friend class mlp_vector_field;

    mlp(std::vector<std::size_t> layer_sizes, mlp_activation hidden,
        mlp_output_activation output)
        : m_sizes(std::move(layer_sizes)), m_hidden(hidden), m_output(output)
    {
        detail::check_mlp_layer_sizes(m_sizes);
        m_offsets = detail::mlp_layer_offsets(m_sizes);
        m_parameters.assign(m_offsets.back(), Value(0));
    }

    using workspace_type = detail::mlp_workspace<Value>;
    using activations_type = detail::mlp_activations<Value>;

    /// The calling thread's work space, fitted to this network.
    workspace_type& workspace() const { return workspace_type::fitted(m_sizes); }

    bool lipswish() const { return m_hidden == mlp_activation::lipswish; }

    void check_parameter_size() const
    {
        detail::check_mlp_parameter_count("mlp", m_parameters.size(), m_sizes,
                                          parameter_count());
    }

    // The first `count` entries of x into the input buffer.
    template <class In>
    static void load_input(activations_type& ws, const In& x, std::size_t count)
    {
        for (std::size_t j = 0; j < count; ++j)
            ws.a[0][j] = static_cast<Value>(x[j]);
    }

    // z_l = W_l a_{l-1} + b_l, a_l = σ(z_l), from the input buffer to the output.
    void forward(activations_type& ws) const
    {
        check_parameter_size();
        const std::size_t layers = m_sizes.size() - 1;
        for (std::size_t l = 0; l < layers; ++l)
        {
            const std::size_t n_in = m_sizes[l], n_out = m_sizes[l + 1];
            const Value* w = m_parameters.data() + m_offsets[l];
            const Value* b = w + n_out * n_in;
            const std::vector<Value>& a_in = ws.a[l];
            std::vector<Value>& z = ws.z[l];
            std::vector<Value>& a_out = ws.a[l + 1];
            const bool last = l + 1 == layers;
            for (std::size_t i = 0; i < n_out; ++i)
            {
                Value sum = b[i];
                for (std::size_t j = 0; j < n_in; ++j)
                    sum += w[i * n_in + j] * a_in[j];
                z[i] = sum;
                if (!last)
                    a_out[i] = detail::mlp_hidden(sum, lipswish());
                else if (m_output == mlp_output_activation::tanh)
                {
                    using std::tanh;
                    a_out[i] = tanh(sum);
                }
                else
                    a_out[i] = sum;
            }
        }
    }

    template <class Out>
    void store_output(const activations_type& ws, Out& y) const
    {
        const std::vector<Value>& a = ws.a[m_sizes.size() - 1];
        for (std::size_t i = 0; i < output_size(); ++i)
            y[i] = a[i];
    }

    // Reverse sweep after forward(): adds the cotangent of the first adj_x_count inputs to
    // adj_x[j] and that of θ to adj_p[parameter_offset + k].
    template <class V, class AdjIn, class AdjP>
    void backward(const activations_type& pass, workspace_type& ws, const V& v, AdjIn& adj_x,
                  std::size_t adj_x_count, AdjP& adj_p, std::size_t parameter_offset) const
    {
        const std::size_t layers = m_sizes.size() - 1;
        // δ = ∂L/∂z_L = v ⊙ σ_out'(z_L).
        const std::vector<Value>& output = pass.a[layers];
        for (std::size_t i = 0; i < output_size(); ++i)
        {
            const Value vi = static_cast<Value>(v[i]);
            ws.delta[i] = m_output == mlp_output_activation::tanh
                             ? vi * detail::mlp_tanh_derivative(output[i])
                             : vi;
        }
        for (std::size_t l = layers; l-- > 0;)
        {
            const std::size_t n_in = m_sizes[l], n_out = m_sizes[l + 1];
            const Value* w = m_parameters.data() + m_offsets[l];
            const std::vector<Value>& a_in = pass.a[l];
            const std::size_t w_at = parameter_offset + m_offsets[l];
            const std::size_t b_at = w_at + n_out * n_in;
            for (std::size_t i = 0; i < n_out; ++i)
            {
                const Value d = ws.delta[i];
                for (std::size_t j = 0; j < n_in; ++j)
                    adj_p[w_at + i * n_in + j] += d * a_in[j];
                adj_p[b_at + i] += d;
            }
            // ∂L/∂a_{l-1} = W_lᵀ δ; below the first layer that is the input cotangent.
            const std::size_t cotangents = l == 0 ? std::min(n_in, adj_x_count) : n_in;
            for (std::size_t j = 0; j < cotangents; ++j)
            {
                Value sum(0);
                for (std::size_t i = 0; i < n_out; ++i)
                    sum += w[i * n_in + j] * ws.delta[i];
                if (l == 0)
                    adj_x[j] += sum;
                else
                    ws.delta_below[j] =
                        sum * detail::mlp_hidden_derivative(pass.z[l - 1][j], a_in[j], lipswish());
            }
            if (l > 0)
                std::swap(ws.delta, ws.delta_below);
        }
    }

    std::vector<std::size_t> m_sizes;
    mlp_activation m_hidden;
    mlp_output_activation m_output;
    std::vector<std::size_t> m_offsets;  // offset_l of the header comment, and the total
    std::vector<Value> m_parameters;
};

/// f(t, y) = mlp(y) or mlp([y, t]) as an odeint system with the library's vjp; also the
/// drift or diagonal diffusion of make_stratonovich_sde. See the header comment.
template <class Value = double>
class mlp_vector_field
{
public:
    using value_type = Value;

    /// The network maps n ↦ n (mlp_time::ignored) or n + 1 ↦ n (mlp_time::input, t the last
    /// input). vjp adds the parameter cotangent at adj_p[parameter_offset + k].
    explicit mlp_vector_field(mlp<Value> network, mlp_time time = mlp_time::ignored,
                              std::size_t parameter_offset = 0)
        : m_network(std::move(network)), m_time(time), m_parameter_offset(parameter_offset)
    {
        detail::check_vector_field_shape("mlp_vector_field", m_network.input_size(),
                                         m_network.output_size(), m_time);
    }

    std::size_t state_size() const { return m_network.output_size(); }
    mlp_time time_input() const { return m_time; }
    std::size_t parameter_offset() const { return m_parameter_offset; }
    /// The size grad_p needs at least: parameter_offset() + the network's parameter count.
    std::size_t required_parameter_count() const
    {
        return m_parameter_offset + m_network.parameter_count();
    }
    const mlp<Value>& network() const { return m_network; }
    mlp<Value>& network() { return m_network; }

    /// Whether a forward pass or vjp reuses the activations of an earlier forward pass of the
    /// same key on this thread (the default; the header comment). The results are the same
    /// bits either way.
    bool reuses_activations() const { return m_reuse; }
    void set_reuse_activations(bool reuse) { m_reuse = reuse; }

    /// dydt = f(t, y) (odeint's system concept; also diffusion(y, g, t)).
    template <class State, class Deriv, class Time>
    void operator()(const State& y, Deriv& dydt, Time t) const
    {
        const char* who = "mlp_vector_field";
        detail::check_mlp_size(who, "the state", y.size(), state_size());
        detail::check_mlp_size(who, "the derivative", dydt.size(), state_size());
        auto& w = m_network.workspace();
        m_network.store_output(activations(w, y, t), dydt);
    }

    /// adj_y += (∂f/∂y)ᵀv, adj_p[parameter_offset() + k] += ((∂f/∂θ)ᵀv)_k.
    template <class State, class Time, class Vector, class Adjoint, class ParameterAdjoint>
    void vjp(const State& y, Time t, const Vector& v, Adjoint& adj_y,
             ParameterAdjoint& adj_p) const
    {
        const char* who = "mlp_vector_field::vjp";
        detail::check_mlp_size(who, "the state", y.size(), state_size());
        detail::check_mlp_size(who, "the cotangent v", v.size(), state_size());
        detail::check_mlp_size(who, "adj_y", adj_y.size(), state_size());
        detail::check_mlp_parameter_cotangent(who, adj_p.size(), m_parameter_offset,
                                              m_network.parameter_count());
        auto& w = m_network.workspace();
        const auto& pass = activations(w, y, t);
        m_network.backward(pass, w, v, adj_y, state_size(), adj_p, m_parameter_offset);
    }

private:
    using activations_type = detail::mlp_activations<Value>;

    template <class State, class Time>
    void load(activations_type& pass, const State& y, Time t) const
    {
        mlp<Value>::load_input(pass, y, state_size());
        if (m_time == mlp_time::input)
            pass.a[0][state_size()] = static_cast<Value>(t);
    }

    // Bytes of a kept entry: the activations and the copy of θ.
    std::size_t entry_bytes() const
    {
        std::size_t values = m_network.parameter_count();
        for (std::size_t n : m_network.layer_sizes())
            values += 2 * n;
        return values * sizeof(Value);
    }

    // The activations at (y, t): a kept pass whose key equals this network's shape and θ, y
    // and t (with time as an input) bit for bit, or a forward pass into the least recently
    // used entry (into the unkept one when this field keeps none).
    template <class State, class Time>
    const activations_type& activations(detail::mlp_workspace<Value>& w, const State& y,
                                        Time t) const
    {
        using workspace = detail::mlp_workspace<Value>;
        const std::size_t bytes = entry_bytes();
        if (!m_reuse || bytes > workspace::max_bytes)
        {
            load(w.unkept, y, t);
            m_network.forward(w.unkept);
            ++w.forward_passes;
            return w.unkept;
        }
        m_network.check_parameter_size();
        const Value time = static_cast<Value>(t);
        ++w.clock;
        for (auto& e : w.entries)
            if (same_key(e, y, time))
            {
                e.last_use = w.clock;
                ++w.reused_passes;
                return e;
            }
        const std::size_t most = std::min(workspace::max_entries, workspace::max_bytes / bytes);
        activations_type* e = nullptr;
        if (w.entries.size() < most)
        {
            w.entries.emplace_back();
            e = &w.entries.back();
        }
        else
            for (auto& candidate : w.entries)
                if (!e || candidate.last_use < e->last_use)
                    e = &candidate;
        e->valid = false;  // until the pass below has completed
        e->fit(m_network.layer_sizes());
        load(*e, y, t);
        m_network.forward(*e);
        ++w.forward_passes;
        e->keep(m_network, m_time, w.clock);
        return *e;
    }

    // Whether kept pass e is this network's at (y, time), compared bit for bit.
    template <class State>
    bool same_key(const activations_type& e, const State& y, Value time) const
    {
        if (!e.same_shape(m_network, m_time))
            return false;
        const std::size_t d = state_size();
        const Value* input = e.a[0].data();
        for (std::size_t j = 0; j < d; ++j)
        {
            const Value yj = static_cast<Value>(y[j]);
            if (std::memcmp(input + j, &yj, sizeof(Value)) != 0)
                return false;
        }
        if (m_time == mlp_time::input && std::memcmp(input + d, &time, sizeof(Value)) != 0)
            return false;
        return e.same_parameters(m_network);
    }

    mlp<Value> m_network;
    mlp_time m_time;
    std::size_t m_parameter_offset;
    bool m_reuse = true;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_NN_MLP_HPP_INCLUDED
