// The CUDA build of test_thrust_fused.cpp (nvcc compiles .cu files for the device; built by
// scripts/gpu-check.sh and by CMake with ODEINT_EES_BUILD_CUDA_TESTS).
#include "../test_thrust_fused.cpp"
