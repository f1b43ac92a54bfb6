"""Business rules. Services own the transaction; they never touch request or session."""
