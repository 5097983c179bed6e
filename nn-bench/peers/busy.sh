#!/bin/bash
# busy.sh [SECONDS] - print the machine's CPU busy percentage (all cores) over SECONDS (default 2),
# from /proc/stat. Used by run_all.sh to wait for a quiet machine.
s=${1:-2}
read -r _ a b c d e f g h _ < /proc/stat; t1=$((a+b+c+d+e+f+g+h)); i1=$((d+e))
sleep "$s"
read -r _ a b c d e f g h _ < /proc/stat; t2=$((a+b+c+d+e+f+g+h)); i2=$((d+e))
echo $(( 100 - 100*(i2-i1)/(t2-t1) ))
