"""Stage 5, publishing: analysis tables -> what people read.

``tables`` (the ad-hoc question table) · ``charts`` · ``narrative`` (Vietnamese sentences)
· ``content`` (everything a period brief shows) · ``notebook`` (the notebooks' start-up) ·
``render`` (papermill, then every output format) · ``formats/`` (one module per format).
"""
