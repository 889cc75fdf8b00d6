#include "fused_ensemble.cu"
