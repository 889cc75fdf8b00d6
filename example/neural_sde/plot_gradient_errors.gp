# Relative error of the reversible gradient against the store-everything one, every 10
# epochs, from a neural SDE example's CSV:
#   gnuplot -e "csv='doc/figures/ou_step_x1.csv'; png='doc/figures/ou_step_x1_gradient.png'" \
#           example/neural_sde/plot_gradient_errors.gp
if (!exists("title")) title = csv
set datafile separator ","
set terminal pngcairo size 900,560 font ",11" noenhanced
set output png
set title title
set xlabel "epoch"
set ylabel "relative gradient error, reversible vs store-all"
set logscale y
set format y "1e%L"
set grid
set key outside right
pick(name) = (strcol(2) eq name && strcol(7) ne "nan") ? column(7) : 1/0
plot csv using 4:(pick("reversible_heun")) with points pt 7 ps 1.2 title "reversible Heun", \
     csv using 4:(pick("ees25")) with points pt 7 ps 1.2 title "EES(2,5)", \
     csv using 4:(pick("ees27")) with points pt 7 ps 1.2 title "EES(2,7)"
