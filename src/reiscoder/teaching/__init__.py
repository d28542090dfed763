"""Teacher and students: assignments handed out, merged back and compared with a reference."""
