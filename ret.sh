echo in-lib
return 3
echo not-reached
