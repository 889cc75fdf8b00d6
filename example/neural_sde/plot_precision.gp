# The same neural SDE training solved in float64 and in float32 (--float), from two CSV files
# of a neural SDE example: left the training loss of each solver (float64 solid, float32
# dashed), right the relative difference of the reversible gradient to the store-everything
# one on the epochs where it was computed.
#   gnuplot -e "csv64='doc/figures/stiff_gbm_float64.csv'; csv32='doc/figures/stiff_gbm_float32.csv'; png='doc/figures/stiff_gbm_precision.png'" \
#           example/neural_sde/plot_precision.gp
set datafile separator ","
set datafile missing "nan"
set terminal pngcairo size 1300,520 font ",11" noenhanced
set output png

loss_of(name) = (strcol(2) eq name) ? column(5) : 1/0
error_of(name) = (strcol(2) eq name && strcol(7) ne "nan") ? column(7) : 1/0
set grid
set logscale y
set xlabel "epoch"
set multiplot layout 1,2
set title "training loss, float64 (solid) and float32 (dashed)"
set ylabel "training loss"
set key top right box opaque
plot csv64 using 4:(loss_of("reversible_heun")) skip 1 with lines lw 2 lc rgb "#1b9e77" title "reversible Heun float64", \
     csv32 using 4:(loss_of("reversible_heun")) skip 1 with lines lw 2 dt 2 lc rgb "#1b9e77" title "reversible Heun float32", \
     csv64 using 4:(loss_of("ees25")) skip 1 with lines lw 2 lc rgb "#d95f02" title "EES(2,5) float64", \
     csv32 using 4:(loss_of("ees25")) skip 1 with lines lw 2 dt 2 lc rgb "#d95f02" title "EES(2,5) float32", \
     csv64 using 4:(loss_of("ees27")) skip 1 with lines lw 2 lc rgb "#7570b3" title "EES(2,7) float64", \
     csv32 using 4:(loss_of("ees27")) skip 1 with lines lw 2 dt 2 lc rgb "#7570b3" title "EES(2,7) float32"
set title "reversible against store-everything gradient"
set ylabel "relative gradient difference"
set format y "1e%L"
set yrange [1e-17:1]
set key top left box opaque
plot csv64 using 4:(error_of("reversible_heun")) skip 1 with points pt 7 lc rgb "#1b9e77" title "reversible Heun float64", \
     csv32 using 4:(error_of("reversible_heun")) skip 1 with points pt 6 lc rgb "#1b9e77" title "reversible Heun float32", \
     csv64 using 4:(error_of("ees25")) skip 1 with points pt 5 lc rgb "#d95f02" title "EES(2,5) float64", \
     csv32 using 4:(error_of("ees25")) skip 1 with points pt 4 lc rgb "#d95f02" title "EES(2,5) float32", \
     csv64 using 4:(error_of("ees27")) skip 1 with points pt 9 lc rgb "#7570b3" title "EES(2,7) float64", \
     csv32 using 4:(error_of("ees27")) skip 1 with points pt 8 lc rgb "#7570b3" title "EES(2,7) float32"
unset multiplot
