"""The rules of Born Global in plain Python: no Django import anywhere below here."""
