#include "gbm_ensemble.cu"
