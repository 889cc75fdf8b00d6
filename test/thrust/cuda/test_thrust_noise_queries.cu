// The CUDA build of test_thrust_noise_queries.cpp (nvcc compiles .cu files for the device;
// built by scripts/gpu-check.sh and by CMake with ODEINT_EES_BUILD_CUDA_TESTS): on a GPU the
// device increments must equal the host path's bitwise, empty span included.
#include "../test_thrust_noise_queries.cpp"
