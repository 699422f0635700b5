"""The four MLPerf Tiny reference models built with Keras as the benchmark defines them
(github.com/mlcommons/tiny: `benchmark/training/anomaly_detection/keras_model.py`,
`keyword_spotting/keras_model.py` (`ds_cnn`), `visual_wake_words/vww_model.py`,
`image_classification/keras_model.py` with 16, 32 and 64 filters, the benchmark's ResNet-8),
and their counts as Keras gives them: `count_params()` (every weight, bias and batch
normalisation value, trainable or not) and the multiply-adds of the convolutions and dense
layers, from each layer's kernel and output shape. `tests/tiny.rs` checks `examples/tiny`'s
declarations against `reference.json`, which this writes.

Run with TensorFlow from the Python registry:
    python3 -m venv venv && venv/bin/pip install tensorflow-cpu
    venv/bin/python examples/tiny/reference.py
"""
import json
import os

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


def normalized(x, activation=True):
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x) if activation else x


def anomaly_detection():
    inputs = keras.Input(shape=(640,))
    x = inputs
    for width in [128, 128, 128, 128, 8, 128, 128, 128, 128]:
        x = normalized(layers.Dense(width)(x))
    return keras.Model(inputs, layers.Dense(640)(x))


def separable(x, filters, strides=1):
    x = normalized(layers.DepthwiseConv2D(3, strides=strides, padding="same")(x))
    return normalized(layers.Conv2D(filters, 1, padding="same")(x))


def keyword_spotting():
    inputs = keras.Input(shape=(49, 10, 1))
    x = normalized(layers.Conv2D(64, (10, 4), strides=(2, 2), padding="same")(inputs))
    for _ in range(4):
        x = separable(x, 64)
    x = layers.AveragePooling2D(pool_size=(24, 5))(x)
    x = layers.Flatten()(x)
    return keras.Model(inputs, layers.Dense(12, activation="softmax")(x))


def visual_wake_words():
    inputs = keras.Input(shape=(96, 96, 3))
    x = normalized(layers.Conv2D(8, 3, strides=2, padding="same")(inputs))
    plan = [(16, 1), (32, 2), (32, 1), (64, 2), (64, 1), (128, 2)] + [(128, 1)] * 5
    plan += [(256, 2), (256, 1)]
    for filters, strides in plan:
        x = separable(x, filters, strides)
    x = layers.AveragePooling2D(pool_size=x.shape[1:3])(x)
    x = layers.Flatten()(x)
    return keras.Model(inputs, layers.Dense(2, activation="softmax")(x))


def image_classification():
    inputs = keras.Input(shape=(32, 32, 3))
    x = normalized(layers.Conv2D(16, 3, padding="same")(inputs))
    for filters, strides in [(16, 1), (32, 2), (64, 2)]:
        y = normalized(layers.Conv2D(filters, 3, strides=strides, padding="same")(x))
        y = normalized(layers.Conv2D(filters, 3, padding="same")(y), activation=False)
        if strides != 1:
            x = layers.Conv2D(filters, 1, strides=strides, padding="same")(x)
        x = layers.Activation("relu")(layers.add([x, y]))
    x = layers.AveragePooling2D(pool_size=int(np.amin(x.shape[1:3])))(x)
    x = layers.Flatten()(x)
    return keras.Model(inputs, layers.Dense(10, activation="softmax")(x))


def multiply_adds(model):
    total = 0
    for layer in model.layers:
        out = layer.output.shape
        if isinstance(layer, layers.DepthwiseConv2D):
            kh, kw, channels, _ = layer.kernel.shape
            total += kh * kw * channels * out[1] * out[2]
        elif isinstance(layer, layers.Conv2D):
            kh, kw, channels, filters = layer.kernel.shape
            total += kh * kw * channels * filters * out[1] * out[2]
        elif isinstance(layer, layers.Dense):
            inputs, outputs = layer.kernel.shape
            total += inputs * outputs
    return int(total)


counts = {}
for name, build in [
    ("anomaly_detection", anomaly_detection),
    ("keyword_spotting", keyword_spotting),
    ("visual_wake_words", visual_wake_words),
    ("image_classification", image_classification),
]:
    model = build()
    counts[name] = {"parameters": model.count_params(), "multiply_adds": multiply_adds(model)}
    print(name, counts[name])

with open(os.path.join(os.path.dirname(__file__), "reference.json"), "w") as out:
    json.dump(counts, out, indent=1)
    out.write("\n")
