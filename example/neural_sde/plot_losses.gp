# Training-loss curves from a neural SDE example's CSV:
#   gnuplot -e "csv='doc/figures/ou.csv'; png='doc/figures/ou_loss.png'; title='OU'" \
#           example/neural_sde/plot_losses.gp
if (!exists("title")) title = csv
set datafile separator ","
set terminal pngcairo size 900,560 font ",11" noenhanced
set output png
set title title
set xlabel "epoch"
set ylabel "training loss (pathwise MSE)"
set logscale y
set grid
set key top right
pick(name) = (strcol(2) eq name) ? column(5) : 1/0
label(name) = sprintf("%s", name)
plot csv using 4:(pick("reversible_heun")) with lines lw 2 title "reversible Heun", \
     csv using 4:(pick("ees25")) with lines lw 2 title "EES(2,5)", \
     csv using 4:(pick("ees27")) with lines lw 2 title "EES(2,7)"
