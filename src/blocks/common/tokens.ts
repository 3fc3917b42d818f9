// What the vision-transformer kinds share on the pure side: the token-sequence check ([N, D]: N tokens of
// width D, beside images [H, W, C] and vectors), and the Python classes their PyTorch code uses. Tokens are
// (batch, tokens, width) in PyTorch too, so no axis moves between the app and the export.
import { formatShape, makeIssue } from '../../model/issues';
import { shapeKind, type Shape } from '../../model/spec';
import { failed } from '../../model/windows';
import type { BlockResult } from '../types';

/** A failed result unless the input is a token sequence [N, D]. */
export function needTokens(blockId: string, input: Shape): BlockResult | null {
  return shapeKind(input) === 'tokens' ? null : failed([makeIssue('needsTokens', blockId, { shape: formatShape(input) })]);
}

/** The width D of a token sequence or a vector: its last axis. */
export const widthOf = (shape: Shape): number => shape[shape.length - 1] as number;

export const PY_PATCH_EMBEDDING = `

class PatchEmbedding(nn.Module):
    """Cuts the image into patch x patch squares, each one token of \`width\` numbers: a convolution whose
    kernel equals its stride. The tokens come in row order, as the playground makes them."""

    def __init__(self, channels, width, patch):
        super().__init__()
        self.proj = nn.Conv2d(channels, width, kernel_size=patch, stride=patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)  # (N, tokens, width)
`;

export const PY_CLASS_TOKEN = `

class ClassToken(nn.Module):
    """A learned token put before the others; the head reads it after the attention layers."""

    def __init__(self, width):
        super().__init__()
        self.token = nn.Parameter(torch.zeros(width))

    def forward(self, x):
        return torch.cat([self.token.expand(x.shape[0], 1, -1), x], dim=1)
`;

export const PY_POSITION_EMBEDDING = `

class PositionEmbedding(nn.Module):
    """One learned vector per token position, added to the tokens."""

    def __init__(self, tokens, width):
        super().__init__()
        self.embedding = nn.Parameter(torch.zeros(tokens, width))

    def forward(self, x):
        return x + self.embedding
`;

export const PY_SELF_ATTENTION = `

class SelfAttention(nn.Module):
    """Multi-head self-attention: softmax(Q K^T / sqrt(d)) V per head, then one output projection.
    The query, key and value weights are one Linear layer, [query | key | value], each split into heads."""

    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)

    def forward(self, x):
        n, t, d = x.shape
        q, k, v = self.qkv(x).reshape(n, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        attention = torch.softmax(q @ k.transpose(-2, -1) / (d // self.heads) ** 0.5, dim=-1)
        return self.proj((attention @ v).transpose(1, 2).reshape(n, t, d))
`;

export const PY_TOKEN_MLP = `

class TokenMlp(nn.Module):
    """The transformer's MLP, applied to every token alone: Linear, GELU, Linear back to the width."""

    def __init__(self, width, hidden):
        super().__init__()
        self.fc1 = nn.Linear(width, hidden)
        self.fc2 = nn.Linear(hidden, width)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))
`;
