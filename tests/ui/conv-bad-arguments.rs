nn::network! {
    struct NoFilters = [1, 8, 8] => relu conv2d(0, 3x3) => softmax 10;
    struct FlatKernel = [1, 8, 8] => relu conv2d(4, 0x3) => softmax 10;
    struct StandStill = [1, 8, 8] => relu conv2d(4, 3x3, stride 0) => softmax 10;
    struct Misspelt = [1, 8, 8] => relu conv2d(4, 3x3, strides 2) => softmax 10;
    struct NoKernel = [1, 8, 8] => relu conv2d(4) => softmax 10;
    struct TwoPaddings = [1, 8, 8] => relu conv2d(4, 3x3, same, valid) => softmax 10;
    struct NoWindow = [1, 8, 8] => max_pool2d() => softmax 10;
    struct GlobalWindow = [1, 8, 8] => global_avg_pool2d(2x2) => softmax 10;
    struct SquareOneD = [1, 64] => relu conv1d(4, 3x3) => softmax 10;
    struct LongKernel = [1, 4] => relu conv1d(4, 5) => softmax 10;
    struct DepthwiseFilters = [2, 8, 8] => relu depthwise_conv2d(4, 3x3) => softmax 10;
    struct DepthwiseNoKernel = [2, 8, 8] => relu depthwise_conv2d() => softmax 10;
    struct DepthwiseOneD = [2, 64] => relu depthwise_conv2d(3x3) => softmax 10;
}

fn main() {}
