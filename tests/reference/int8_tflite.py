"""int8 dense networks quantised and run by TensorFlow Lite itself: the second oracle for nn's
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

reference = json.load(open(sys.argv[1]))
out = {"tensorflow": tf.__version__, "networks": []}
for net in reference["networks"]:
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
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.representative_dataset = lambda: ([x[None, :]] for x in calibration)
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.int8
    converter.inference_output_type = tf.int8
    interpreter = tf.lite.Interpreter(
        model_content=converter.convert(),
        experimental_op_resolver_type=tf.lite.experimental.OpResolverType.BUILTIN_REF,
        experimental_preserve_all_tensors=True,
    )
    interpreter.allocate_tensors()
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
