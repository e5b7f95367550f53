#!/usr/bin/env python3
"""The every-construct app in Python (`python app.py` with CDK_OUTDIR set, or `cdk synth --app "python3 app.py"`)."""
from every_construct import every_construct_app

app, _ = every_construct_app()
app.synth()
