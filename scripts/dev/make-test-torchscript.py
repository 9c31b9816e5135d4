#!/usr/bin/python3
"""Writes the TorchScript models msde4j's embedding tests and benchmark use.

  scripts/dev/make-test-torchscript.py tiny OUT.pt                 the committed test fixture (a few KB)
  scripts/dev/make-test-torchscript.py tiny-features OUT.pt        the committed fixture of patch embeddings (a few KB)
  scripts/dev/make-test-torchscript.py resnet18-features OUT.pt [WEIGHTS.pth]
                                                                   ResNet-18 returning (layer2, layer3), for anomaly maps
  scripts/dev/make-test-torchscript.py resnet18 OUT.pt             a ResNet-18 with random weights, for the benchmark
  scripts/dev/make-test-torchscript.py resnet18 OUT.pt WEIGHTS.pth the same with torchvision's ImageNet weights
                                                                   (resnet18-f37072fd.pth, see data-manifest/backbones/)

Uses Debian's python3-torch (PyTorch 1.13), installed with apt-get when missing. Without a weights
file the weights are random with a fixed seed: the tests and the benchmark check shapes,
determinism, preprocessing and speed, not accuracy.

tiny: input (B, 3, H, W) -> output (B, 7): the first 3 values are the per-channel means of the
input (so a test can check the preprocessing maths exactly), the last 4 are the spatial means of
relu(conv3x3(x)) with seeded weights (a real convolution, so the output depends on the pixels).

tiny-features: input (B, 3, H, W) -> output (a, b): a = relu(conv3x3 stride 2, 4 channels)(x),
b = relu(conv3x3 stride 2, 6 channels)(a), seeded weights: two feature maps at strides 2 and 4, the
shape of a model exported for msde4j's patch embeddings. Also prints, for the probe sin(0.37 k) of
(1, 3, 16, 16), the patch embeddings PyTorch computes the way msde4j does (3x3 average with
count_include_pad=False, bilinear upsampling with align_corners=False, channels concatenated), for
the test that checks msde4j against them.

resnet18-features: the ResNet-18 below returning (layer2, layer3) instead of the pooled vector: the
TorchScript form msde4j needs for patch embeddings and anomaly maps (see docs/localisation.md).

resnet18: torchvision's ResNet-18 (BasicBlock, [2, 2, 2, 2], 64..512 channels, the same parameter
names, so torchvision's state dict loads into it) with the classifier removed:
input (B, 3, 224, 224) -> output (B, 512), global average pooled: the paper's embedding.
"""
import os
import sys

from debian_python import require

torch = require("torch", "python3-torch")
nn = torch.nn


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, kernel_size=3, padding=1)

    def forward(self, x):
        means = x.mean(dim=(2, 3))
        features = torch.relu(self.conv(x)).mean(dim=(2, 3))
        return torch.cat([means, features], dim=1)


class TinyFeatures(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, kernel_size=3, stride=2, padding=1)
        self.b = nn.Conv2d(4, 6, kernel_size=3, stride=2, padding=1)

    def forward(self, x):
        a = torch.relu(self.a(x))
        return a, torch.relu(self.b(a))


def patch_embeddings(maps):
    """msde4j's patch embeddings of a list of (1, C, H, W) maps, computed by PyTorch: (H, W, sum C)."""
    size = max((m.shape[2], m.shape[3]) for m in maps)
    out = []
    for m in maps:
        m = torch.nn.functional.avg_pool2d(m, 3, stride=1, padding=1, count_include_pad=False)
        out.append(torch.nn.functional.interpolate(m, size=size, mode="bilinear", align_corners=False))
    return torch.cat(out, dim=1)[0].permute(1, 2, 0)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = nn.Identity()
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + self.downsample(x))


class ResNet18Features(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = nn.Sequential(BasicBlock(64, 64, 1), BasicBlock(64, 64, 1))
        self.layer2 = nn.Sequential(BasicBlock(64, 128, 2), BasicBlock(128, 128, 1))
        self.layer3 = nn.Sequential(BasicBlock(128, 256, 2), BasicBlock(256, 256, 1))
        self.layer4 = nn.Sequential(BasicBlock(256, 512, 2), BasicBlock(512, 512, 1))

    def forward(self, x):
        x = self.maxpool(torch.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return x.mean(dim=(2, 3))


class ResNet18Maps(ResNet18Features):
    def forward(self, x):
        x = self.maxpool(torch.relu(self.bn1(self.conv1(x))))
        layer2 = self.layer2(self.layer1(x))
        return layer2, self.layer3(layer2)


def load_torchvision_weights(model, path):
    state = torch.load(path, map_location="cpu")
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or set(unexpected) - {"fc.weight", "fc.bias"}:
        sys.exit(f"{path} is not a torchvision ResNet-18 state dict: missing {missing}, unexpected {unexpected}")


MODELS = {"tiny": Tiny, "tiny-features": TinyFeatures, "resnet18": ResNet18Features, "resnet18-features": ResNet18Maps}


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in MODELS or \
            (len(sys.argv) == 4 and not sys.argv[1].startswith("resnet18")):
        sys.exit(__doc__)
    kind, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(20260419)
    model = MODELS[kind]()
    if len(sys.argv) == 4:
        load_torchvision_weights(model, sys.argv[3])
    model.eval()
    scripted = torch.jit.script(model)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    scripted.save(out)
    with torch.no_grad():
        if kind == "tiny-features":
            probe = torch.sin(0.37 * torch.arange(3 * 16 * 16, dtype=torch.float64)).float().reshape(1, 3, 16, 16)
            patches = patch_embeddings(list(scripted(probe)))
            print(kind, "->", out, "patch grid", tuple(patches.shape), "for the probe sin(0.37 k), k = 0..767, as (1, 3, 16, 16);")
            for y, x in ((0, 0), (3, 5), (7, 7)):
                print(f"  patch ({y}, {x}):", [round(v, 7) for v in patches[y, x].tolist()])
        elif kind == "resnet18-features":
            print(kind, "->", out, "output shapes for (1, 3, 224, 224):",
                  [tuple(m.shape) for m in scripted(torch.zeros(1, 3, 224, 224))])
        else:
            probe = torch.linspace(0, 1, 3 * 8 * 8).reshape(1, 3, 8, 8)
            print(kind, "->", out, "output for a linspace probe:", scripted(probe)[0, :7].tolist())


if __name__ == "__main__":
    main()
