import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
# The jsii runtime prints a banner on stderr for Node releases past end of life (Node 20 here).
os.environ.setdefault('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20')
