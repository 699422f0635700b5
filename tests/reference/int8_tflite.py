"""int8 networks quantised and run by TensorFlow Lite itself: the second oracle for nn's
int8 arithmetic, beside the numpy reference of int8_reference.py.

For each network of int8_reference.json: the float network as a Keras model, converted by
TensorFlow Lite's post-training quantiser (full int8, the reference's calibration inputs as the
representative data set), run by its reference kernels on the reference's test inputs. Writes,
per layer, what the converted model holds (int8 weights, int32 bias, weight scales, the
quantisations of the layer's input and output) and the int8 output TensorFlow Lite computes for
each test input. nn must quantise the float weights to the same int8 weights and bias from the
same scales, and compute the same outputs from these parameters, to the bit.

    python3 -m venv venv && venv/bin/pip install tensorflow-cpu
    venv/bin/python int8_tflite.py int8_reference.json int8_tflite.json
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import tensorflow as tf



def conv_network(net):
    """A network of convolutions (depthwise too), pooling, residual sums and dense layers, channels first in nn and in the
    reference, as a Keras model, channels last: the input, the convolutions' kernels and the
    rows of a dense layer after a convolution moved to TensorFlow's order; each int8 layer's
    parameters and outputs moved back."""
    c, h, w = net["shape"]
    inputs = tf.keras.Input(shape=(h, w, c))
    values, shapes, keras_layers = [inputs], [(c, h, w)], []
    for layer, activation in zip(net["float_layers"], net["activations"]):
        act = "relu" if activation == "relu" else None
        v, shape = values[layer.get("input", -1)], shapes[layer.get("input", -1)]
        if layer["kind"] == "add":
            v = tf.keras.layers.Add()([v, values[layer["shortcut"]]])
            if act:
                v = tf.keras.layers.ReLU()(v)
            keras_layers.append(("ADD", shape))
        elif layer["kind"] == "conv":
            kernel = np.array(layer["weights"], np.float32)  # [C][KH][KW][F]
            conv = tf.keras.layers.Conv2D(kernel.shape[3], kernel.shape[1], strides=layer["stride"],
                                          padding="same", activation=act)
            v = conv(v)
            conv.set_weights([kernel.transpose(1, 2, 0, 3), np.array(layer["bias"], np.float32)])
            shape = (kernel.shape[3],) + tuple(int(d) for d in v.shape[1:3])
            keras_layers.append(("CONV_2D", shape))
        elif layer["kind"] == "depthwise":
            kernel = np.array(layer["weights"], np.float32)  # [KH][KW][C]
            conv = tf.keras.layers.DepthwiseConv2D(kernel.shape[0], strides=layer["stride"],
                                                   padding="same", activation=act)
            v = conv(v)
            conv.set_weights([kernel[..., None], np.array(layer["bias"], np.float32)])
            shape = (kernel.shape[2],) + tuple(int(d) for d in v.shape[1:3])
            keras_layers.append(("DEPTHWISE_CONV_2D", shape))
        elif layer["kind"] in ("pool", "avgpool"):
            pool = tf.keras.layers.MaxPool2D if layer["kind"] == "pool" else tf.keras.layers.AveragePooling2D
            v = pool(layer["size"])(v)
            shape = (shape[0],) + tuple(int(d) for d in v.shape[1:3])
            keras_layers.append(("MAX_POOL_2D" if layer["kind"] == "pool" else "AVERAGE_POOL_2D", shape))
        else:
            weights = np.array(layer["weights"], np.float32)
            if len(shape) == 3:
                v = tf.keras.layers.Flatten()(v)
                # nn's row (c, y, x) is Keras's (y, x, c).
                weights = weights.reshape(shape + (-1,)).transpose(1, 2, 0, 3).reshape(weights.shape)
            dense = tf.keras.layers.Dense(weights.shape[1], activation=act)
            v = dense(v)
            dense.set_weights([weights, np.array(layer["bias"], np.float32)])
            shape = (weights.shape[1],)
            keras_layers.append(("FULLY_CONNECTED", shape))
        values.append(v)
        shapes.append(shape)
    model = tf.keras.Model(inputs, v)
    to_keras = lambda x: np.array(x, np.float32).reshape(c, h, w).transpose(1, 2, 0)[None]
    interpreter = convert(model, [to_keras(x) for x in net["calibration"]])
    tensors = {t["index"]: t for t in interpreter.get_tensor_details()}
    names = {"CONV_2D", "DEPTHWISE_CONV_2D", "MAX_POOL_2D", "AVERAGE_POOL_2D", "ADD", "FULLY_CONNECTED"}
    ops = [op for op in interpreter._get_ops_details() if op["op_name"] in names]
    assert [op["op_name"] for op in ops] == [name for name, _ in keras_layers], ops
    layers = []
    for op, (kind, shape) in zip(ops, keras_layers):
        x, y = tensors[op["inputs"][0]], tensors[op["outputs"][0]]
        layer = dict(
            kind=kind,
            input=dict(scale=float(x["quantization"][0]), zero_point=int(x["quantization"][1])),
            output=dict(scale=float(y["quantization"][0]), zero_point=int(y["quantization"][1])),
            output_index=y["index"],
            shape=shape,
        )
        if kind == "ADD":
            other = tensors[op["inputs"][1]]
            layer["shortcut_input"] = dict(scale=float(other["quantization"][0]),
                                           zero_point=int(other["quantization"][1]))
        elif kind not in ("MAX_POOL_2D", "AVERAGE_POOL_2D"):
            wt, b = tensors[op["inputs"][1]], tensors[op["inputs"][2]]
            weights = interpreter.get_tensor(wt["index"])
            if kind == "CONV_2D":  # [F][KH][KW][C] to nn's filters, [F][C][KH][KW]
                weights = weights.transpose(0, 3, 1, 2)
            elif kind == "DEPTHWISE_CONV_2D":  # [1][KH][KW][C] to nn's kernels, [C][KH][KW]
                weights = weights[0].transpose(2, 0, 1)
            elif len(layers) and len(layers[-1]["shape"]) == 3:  # rows back to nn's order
                ch, hh, ww = layers[-1]["shape"]
                weights = weights.reshape(-1, hh, ww, ch).transpose(0, 3, 1, 2)
            layer.update(
                weights=weights.reshape(weights.shape[0], -1).astype(int).tolist(),
                bias=interpreter.get_tensor(b["index"]).astype(int).tolist(),
                weight_scales=[float(s) for s in wt["quantization_parameters"]["scales"]],
            )
        layers.append(layer)
    input_detail = interpreter.get_input_details()[0]
    cases = []
    for case in net["cases"]:
        q = np.array(case["x_int8"], np.int8).reshape(c, h, w).transpose(1, 2, 0)[None]
        interpreter.set_tensor(input_detail["index"], q)
        interpreter.invoke()
        outputs = []
        for layer in layers:
            value = interpreter.get_tensor(layer["output_index"])[0]
            if value.ndim == 3:
                value = value.transpose(2, 0, 1)
            outputs.append(value.reshape(-1).astype(int).tolist())
        cases.append(dict(x=case["x"], x_int8=case["x_int8"], layers=outputs))
    for layer in layers:
        del layer["output_index"]
        layer["shape"] = list(layer["shape"])
    return dict(name=net["name"], shape=net["shape"], activations=net["activations"],
                float_layers=net["float_layers"], layers=layers, cases=cases)


def convert(model, calibration):
    """The model converted to full int8 on the calibration inputs, run by the reference kernels."""
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.representative_dataset = lambda: ([x] for x in calibration)
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.int8
    converter.inference_output_type = tf.int8
    interpreter = tf.lite.Interpreter(
        model_content=converter.convert(),
        experimental_op_resolver_type=tf.lite.experimental.OpResolverType.BUILTIN_REF,
        experimental_preserve_all_tensors=True,
    )
    interpreter.allocate_tensors()
    return interpreter


reference = json.load(open(sys.argv[1]))
out = {"tensorflow": tf.__version__, "networks": []}
for net in reference["networks"]:
    if "shape" in net:
        out["networks"].append(conv_network(net))
        continue
    inputs = tf.keras.Input(shape=(len(net["float_layers"][0]["weights"]),))
    h = inputs
    denses = []
    for layer, activation in zip(net["float_layers"], net["activations"]):
        dense = tf.keras.layers.Dense(len(layer["bias"]), activation="relu" if activation == "relu" else None)
        h = dense(h)
        dense.set_weights([np.array(layer["weights"], np.float32), np.array(layer["bias"], np.float32)])
        denses.append(dense)
    model = tf.keras.Model(inputs, h)
    calibration = np.array(net["calibration"], np.float32)
    interpreter = convert(model, [x[None, :] for x in calibration])
    tensors = {t["index"]: t for t in interpreter.get_tensor_details()}
    ops = [op for op in interpreter._get_ops_details() if op["op_name"] == "FULLY_CONNECTED"]
    assert len(ops) == len(denses), [op["op_name"] for op in interpreter._get_ops_details()]
    layers = []
    for op in ops:
        x, w, b = (tensors[i] for i in op["inputs"])
        y = tensors[op["outputs"][0]]
        weights = interpreter.get_tensor(w["index"])  # [outputs, inputs]
        layers.append(dict(
            weights=weights.T.astype(int).tolist(),
            bias=interpreter.get_tensor(b["index"]).astype(int).tolist(),
            weight_scales=[float(s) for s in w["quantization_parameters"]["scales"]],
            input=dict(scale=float(x["quantization"][0]), zero_point=int(x["quantization"][1])),
            output=dict(scale=float(y["quantization"][0]), zero_point=int(y["quantization"][1])),
            output_index=y["index"],
        ))
    input_detail = interpreter.get_input_details()[0]
    cases = []
    for case in net["cases"]:
        interpreter.set_tensor(input_detail["index"], np.array([case["x_int8"]], np.int8))
        interpreter.invoke()
        cases.append(dict(
            x=case["x"],
            x_int8=case["x_int8"],
            layers=[interpreter.get_tensor(layer["output_index"])[0].astype(int).tolist() for layer in layers],
        ))
    for layer in layers:
        del layer["output_index"]
    out["networks"].append(dict(name=net["name"], activations=net["activations"], float_layers=net["float_layers"], layers=layers, cases=cases))

with open(sys.argv[2], "w") as f:
    json.dump(out, f)
