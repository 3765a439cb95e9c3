"""Jobs: long work (team solves, rotas, assembling a team) run by the background worker.

A web request never runs a solver. It checks the input, records a `Job` and answers
202 with the job's address; `bornglobal worker` runs the job (`tasks.run_job`), the
solver itself in a child process under a hard CPU-time limit (`sandbox`), and writes
progress, then the result or the error, on the row. `GET /api/v1/jobs/{id}` and the
pages (htmx polling every second) read it back. See docs/operator.md.
"""
