while x do

