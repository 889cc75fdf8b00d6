/*
 boost/numeric/odeint/nn/mlp_core.hpp

 What every MLP field of the library shares: the single-path mlp and mlp_vector_field
 (nn/mlp.hpp), the batched field on Eigen (nn/batched_mlp.hpp) and the device field
 (external/thrust/thrust_batched_mlp.hpp). One place for

   the shape      mlp_activation (hidden: tanh or LipSwish), mlp_output_activation (none or
                  tanh), mlp_time (whether a vector field sees t as its last input);
   the layout     sizes {n_0, ..., n_L}, L ≥ 1 layers of at least one unit each
                  (check_mlp_layer_sizes); layer l (1 ≤ l ≤ L) holds W_l row-major,
                  W_l[i][j] at offset_l + i·n_{l-1} + j, then b_l[i] at
                  offset_l + n_l·n_{l-1} + i; offset_1 = 0 and
                  offset_{l+1} = offset_l + n_l·(n_{l-1} + 1) (mlp_layer_offsets, whose last
                  entry is the parameter count);
   the activations, for host and device (BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE):
                  mlp_sigmoid (by the sign of z, so exp never overflows), mlp_hidden
                  (tanh z or LipSwish 0.909 z sigmoid(z)), mlp_hidden_derivative (from z and
                  σ(z)), mlp_tanh_derivative (1 − tanh², from tanh); the single-path and the
                  device fields evaluate these same functions, so an element-wise step computes
                  the same bits in both; the Eigen field evaluates the same formulas on whole
                  arrays with Eigen's vectorised exp (equal to rounding) and takes
                  mlp_lipswish_scale from here;
   the checks     sizes of inputs, outputs, cotangents and batches, the shape of a vector
                  field, the size of a parameter cotangent and of a resized θ; each throws with
                  a message that starts with the public function's name and names the sizes.

 Work space (the policy of all three fields). A field holds no mutable buffer: the host fields
 evaluate into a work space of the calling thread (thread_local, grown to the largest network
 or batch the thread evaluates), the device field into the buffers of the driven system's
 field_type, which the stepper makes once and owns (make_workspace). So one const field, and
 one system made from it, can be shared by several threads or steppers.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NN_MLP_CORE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NN_MLP_CORE_HPP_INCLUDED

#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/numeric/odeint/util/ees_host_device.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// The activation after every hidden layer.
enum class mlp_activation { tanh, lipswish };

/// The activation after the last layer.
enum class mlp_output_activation { none, tanh };

/// Whether an MLP vector field sees the time: f(t, y) = mlp(y) or mlp([y, t]).
enum class mlp_time { ignored, input };

namespace detail {

/// The factor of LipSwish, 0.909 z sigmoid(z) (Lipschitz constant at most 1).
template <class Value>
BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value mlp_lipswish_scale()
{
    return Value(0.909);
}

/// sigmoid(z) = 1 / (1 + e^{−z}), by the sign of z so that exp never overflows.
template <class Value>
BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value mlp_sigmoid(Value z)
{
    using std::exp;
    if (z >= Value(0))
        return Value(1) / (Value(1) + exp(-z));
    const Value e = exp(z);
    return e / (Value(1) + e);
}

/// σ(z): tanh z, or LipSwish 0.909 z sigmoid(z).
template <class Value>
BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value mlp_hidden(Value z, bool lipswish)
{
    using std::tanh;
    if (!lipswish)
        return tanh(z);
    return mlp_lipswish_scale<Value>() * z * mlp_sigmoid(z);
}

/// tanh'(z) = 1 − a² from a = tanh z.
template <class Value>
BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value mlp_tanh_derivative(Value a)
{
    return Value(1) - a * a;
}

/// σ'(z) from z and sigma = σ(z).
template <class Value>
BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value mlp_hidden_derivative(Value z, Value sigma,
                                                                 bool lipswish)
{
    if (!lipswish)
        return mlp_tanh_derivative(sigma);
    const Value s = mlp_sigmoid(z);
    return mlp_lipswish_scale<Value>() * (s + z * s * (Value(1) - s));
}

/// "{n_0, n_1, ...}" for messages.
inline std::string mlp_sizes_text(const std::vector<std::size_t>& sizes)
{
    std::string text = "{";
    for (std::size_t l = 0; l < sizes.size(); ++l)
        text += (l ? ", " : "") + std::to_string(sizes[l]);
    return text + "}";
}

/// std::invalid_argument unless there are at least two layer sizes and none is 0.
inline void check_mlp_layer_sizes(const std::vector<std::size_t>& sizes)
{
    if (sizes.size() < 2)
        throw std::invalid_argument("mlp: needs at least 2 layer sizes {n_in, ..., n_out}, "
                                    "got " + std::to_string(sizes.size()));
    for (std::size_t l = 0; l < sizes.size(); ++l)
        if (sizes[l] == 0)
            throw std::invalid_argument("mlp: layer size " + std::to_string(l) + " of " +
                                        mlp_sizes_text(sizes) +
                                        " is 0; every layer needs at least one unit");
}

/// offset_1, ..., offset_L of the layout (above), then the parameter count.
inline std::vector<std::size_t> mlp_layer_offsets(const std::vector<std::size_t>& sizes)
{
    std::vector<std::size_t> offsets{0};
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l)
        offsets.push_back(offsets.back() + sizes[l + 1] * (sizes[l] + 1));
    return offsets;
}

inline void check_mlp_size(const char* who, const char* what, std::size_t size,
                           std::size_t expected)
{
    if (size != expected)
        throw std::invalid_argument(std::string(who) + ": " + what + " has size " +
                                    std::to_string(size) + " but the network needs " +
                                    std::to_string(expected));
}

/// A parameter cotangent adj_p of `size` entries holds the network's `count` parameters at
/// `offset`; std::invalid_argument otherwise.
inline void check_mlp_parameter_cotangent(const char* who, std::size_t size, std::size_t offset,
                                          std::size_t count)
{
    if (size < offset + count)
        throw std::invalid_argument(
            std::string(who) + ": adj_p has size " + std::to_string(size) +
            " but the network's " + std::to_string(count) + " parameters at offset " +
            std::to_string(offset) + " need " + std::to_string(offset + count));
}

/// θ still has the network's parameter count (its values may change, its size may not);
/// Error (std::logic_error, or std::invalid_argument where θ is an argument) otherwise.
template <class Error = std::logic_error>
void check_mlp_parameter_count(const char* who, std::size_t size,
                               const std::vector<std::size_t>& sizes, std::size_t count)
{
    if (size != count)
        throw Error(std::string(who) + ": the network's parameters were resized to " +
                    std::to_string(size) + "; the layer sizes " + mlp_sizes_text(sizes) +
                    " need " + std::to_string(count));
}

/// A network of `inputs` ↦ `outputs` is a vector field of n components when it maps n ↦ n
/// (mlp_time::ignored) or n + 1 ↦ n (mlp_time::input); std::invalid_argument otherwise.
inline void check_vector_field_shape(const char* who, std::size_t inputs, std::size_t outputs,
                                     mlp_time time)
{
    const std::size_t extra = time == mlp_time::input ? 1 : 0;
    if (inputs != outputs + extra)
        throw std::invalid_argument(
            std::string(who) + ": the network maps " + std::to_string(inputs) +
            " inputs to " + std::to_string(outputs) + " outputs, but a vector field " +
            (extra ? "with time as an input needs n + 1 inputs for n outputs"
                   : "needs as many inputs as outputs"));
}

/// The number of paths B of a batched vector of `size` elements, paths of d components;
/// std::invalid_argument unless size is a positive multiple of d.
inline std::size_t batch_paths(const char* who, const char* what, std::size_t size,
                               std::size_t d)
{
    if (size == 0 || size % d != 0)
        throw std::invalid_argument(std::string(who) + ": " + what + " has size " +
                                    std::to_string(size) +
                                    ", not a positive multiple of the path size " +
                                    std::to_string(d));
    return size / d;
}

} // namespace detail

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_NN_MLP_CORE_HPP_INCLUDED
