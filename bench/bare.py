"""The reference for `make bench`: a bare Flask app answering a short text, the framework's floor."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, twinning office!"
