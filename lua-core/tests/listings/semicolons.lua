local a = 1; local b = 2;
f();
do local c = 3; end
