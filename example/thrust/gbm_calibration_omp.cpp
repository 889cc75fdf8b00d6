#include "gbm_calibration.cu"
