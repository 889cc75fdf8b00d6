/*
 boost/numeric/odeint/external/thrust/thrust_gemm.hpp

 thrust_gemm: the one matrix product the batched device fields need (thrust_batched_mlp.hpp),

     C = op(A) op(B)            (accumulate = false)
     C = op(A) op(B) + C        (accumulate = true)

 on column-major float or double matrices given by raw pointers into thrust::device_vector
 storage (m × n result C with leading dimension ldc, op(A) m × k, op(B) k × n, op(X) = X or
 Xᵀ), run where the data lives:

   CUDA backend (THRUST_DEVICE_SYSTEM_CUDA)   cuBLAS (cublasSgemm / cublasDgemm, shipped with
                                               the CUDA toolkit; link -lcublas), on the default
                                               stream that Thrust's algorithms use, one
                                               cuBLAS handle per host thread
   CPU backends (OMP, TBB, CPP)               Eigen 3 (Debian: libeigen3-dev) on the host
                                               memory of the device_vector; Eigen may use
                                               OpenMP threads inside one product, which splits
                                               the result, never a sum, so results do not
                                               depend on the thread count

 Each entry of C is a dot product of length k summed in the library's own order (blocked,
 vectorised, FMA where the hardware has it): the same for every call with the same shapes
 on one machine, but not the left-to-right order of a plain loop. Errors of cuBLAS throw
 std::runtime_error naming the call and the status.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_GEMM_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_GEMM_HPP_INCLUDED

#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <thrust/detail/config.h>

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
#include <cublas_v2.h>
#else
#include <Eigen/Core>
#endif

namespace boost {
namespace numeric {
namespace odeint {

/// The dimensions of one product; see the header comment.
struct thrust_gemm_shape
{
    bool transpose_a;
    bool transpose_b;
    std::size_t m, n, k;
    std::size_t lda, ldb, ldc;
};

namespace detail {

#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA

inline void check_cublas(cublasStatus_t status, const char* call)
{
    if (status != CUBLAS_STATUS_SUCCESS)
        throw std::runtime_error(std::string("thrust_gemm: ") + call + " failed with cuBLAS "
                                 "status " + std::to_string(int(status)));
}

/// One cuBLAS handle per host thread, made on first use and kept for the thread's life.
class cublas_handle
{
public:
    static cublasHandle_t of_this_thread()
    {
        thread_local cublas_handle handle;
        return handle.m_handle;
    }

    cublas_handle(const cublas_handle&) = delete;
    cublas_handle& operator=(const cublas_handle&) = delete;

private:
    cublas_handle() { check_cublas(cublasCreate(&m_handle), "cublasCreate"); }
    ~cublas_handle() { cublasDestroy(m_handle); }

    cublasHandle_t m_handle = nullptr;
};

inline int cublas_dimension(std::size_t n)
{
    if (n > std::size_t(0x7fffffff))
        throw std::invalid_argument("thrust_gemm: dimension " + std::to_string(n) +
                                    " exceeds cuBLAS's int range");
    return int(n);
}

#endif

} // namespace detail

/// C = op(A) op(B) (+ C when accumulate); see the header comment.
template <class T>
void thrust_gemm(const thrust_gemm_shape& s, const T* a, const T* b, bool accumulate, T* c)
{
    static_assert(std::is_same<T, float>::value || std::is_same<T, double>::value,
                  "thrust_gemm: float or double matrices");
    if (s.m == 0 || s.n == 0)
        return;
#if THRUST_DEVICE_SYSTEM == THRUST_DEVICE_SYSTEM_CUDA
    using detail::cublas_dimension;
    const T one = T(1), beta = accumulate ? T(1) : T(0);
    const cublasOperation_t op_a = s.transpose_a ? CUBLAS_OP_T : CUBLAS_OP_N;
    const cublasOperation_t op_b = s.transpose_b ? CUBLAS_OP_T : CUBLAS_OP_N;
    cublasHandle_t handle = detail::cublas_handle::of_this_thread();
    if constexpr (std::is_same<T, float>::value)
        detail::check_cublas(cublasSgemm(handle, op_a, op_b, cublas_dimension(s.m),
                                         cublas_dimension(s.n), cublas_dimension(s.k), &one, a,
                                         cublas_dimension(s.lda), b, cublas_dimension(s.ldb),
                                         &beta, c, cublas_dimension(s.ldc)),
                             "cublasSgemm");
    else
        detail::check_cublas(cublasDgemm(handle, op_a, op_b, cublas_dimension(s.m),
                                         cublas_dimension(s.n), cublas_dimension(s.k), &one, a,
                                         cublas_dimension(s.lda), b, cublas_dimension(s.ldb),
                                         &beta, c, cublas_dimension(s.ldc)),
                             "cublasDgemm");
#else
    using matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    using stride = Eigen::OuterStride<>;
    using const_map = Eigen::Map<const matrix, 0, stride>;
    const auto rows = [](std::size_t r) { return Eigen::Index(r); };
    const const_map A(a, rows(s.transpose_a ? s.k : s.m), rows(s.transpose_a ? s.m : s.k),
                      stride(rows(s.lda)));
    const const_map B(b, rows(s.transpose_b ? s.n : s.k), rows(s.transpose_b ? s.k : s.n),
                      stride(rows(s.ldb)));
    Eigen::Map<matrix, 0, stride> C(c, rows(s.m), rows(s.n), stride(rows(s.ldc)));
    if (s.k == 0)
    {
        if (!accumulate)
            C.setZero();
        return;
    }
    const auto product = [&](const auto& left, const auto& right) {
        if (accumulate)
            C.noalias() += left * right;
        else
            C.noalias() = left * right;
    };
    if (s.transpose_a && s.transpose_b)
        product(A.transpose(), B.transpose());
    else if (s.transpose_a)
        product(A.transpose(), B);
    else if (s.transpose_b)
        product(A, B.transpose());
    else
        product(A, B);
#endif
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_GEMM_HPP_INCLUDED
