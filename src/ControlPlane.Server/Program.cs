// Composition root; filled in as the host takes shape.
return 0;
