local t = {}
t.k1=1 t.k2=2 t.k3=3 t.k4=4 t.k5=5 t.k6=6 t.k7=7 t.k8=8 t.k9=9 t.k10=10
t.k11=11 t.k12=12 t.k13=13 t.k14=14 t.k15=15 t.k16=16 t.k17=17 t.k18=18 t.k19=19 t.k20=20
