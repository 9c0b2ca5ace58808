"""Market: figures over the listings (salaries, work modes, skill demand, volume), skill gaps for a
candidate, and the Plotly charts that draw them with units and sample sizes."""
