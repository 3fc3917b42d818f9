// Adadelta as Zeiler (2012) and Keras define it. tfjs 4.22's divides by the squared-gradient average of
// the *previous* step, which is 0 at the first step, so its first update is a plain SGD step at the full
// learning rate (about 1 for Adadelta): enough to throw a CNN's weights far off (adadelta.test.ts).
import * as tf from '@tensorflow/tfjs';

type NamedTensor = { name: string; tensor: tf.Tensor };

interface Slots {
  readonly grad: tf.Variable; // running average of g^2
  readonly update: tf.Variable; // running average of the squared updates
}

export class AdadeltaOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'CnnpAdadelta';
  }

  learningRate: number;
  private readonly slots = new Map<string, Slots>();

  constructor(learningRate: number, private readonly rho = 0.95, private readonly epsilon = 1e-7) {
    super();
    this.learningRate = learningRate;
  }

  applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const pairs = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor] as const)
      : Object.entries(variableGradients);
    for (const [name, gradient] of pairs) {
      const value = tf.engine().registeredVariables[name];
      if (!value || !gradient) continue;
      const slots = this.slotsFor(name, value);
      tf.tidy(() => {
        const { rho, epsilon } = this;
        const grad = tf.add(tf.mul(slots.grad, rho), tf.mul(tf.square(gradient), 1 - rho));
        const step = tf.mul(tf.div(tf.sqrt(tf.add(slots.update, epsilon)), tf.sqrt(tf.add(grad, epsilon))), gradient);
        slots.grad.assign(grad);
        slots.update.assign(tf.add(tf.mul(slots.update, rho), tf.mul(tf.square(step), 1 - rho)));
        value.assign(tf.sub(value, tf.mul(step, this.learningRate)));
      });
    }
    this.incrementIterations();
  }

  override dispose(): void {
    for (const { grad, update } of this.slots.values()) {
      grad.dispose();
      update.dispose();
    }
    this.slots.clear();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const slots = [...this.slots.entries()].flatMap(([name, s]) => [
      { name: `${name}/accum_grad`, tensor: s.grad }, { name: `${name}/accum_var`, tensor: s.update }]);
    return [await this.saveIterations(), ...slots];
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    this.dispose();
    for (let i = 0; i + 1 < rest.length; i += 2) {
      const name = rest[i]!.name.replace(/\/accum_grad$/, '');
      this.slots.set(name, { grad: rest[i]!.tensor.variable(false), update: rest[i + 1]!.tensor.variable(false) });
    }
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }

  private slotsFor(name: string, value: tf.Variable): Slots {
    let slots = this.slots.get(name);
    if (!slots) {
      slots = tf.tidy(() => ({ grad: tf.zerosLike(value).variable(false), update: tf.zerosLike(value).variable(false) }));
      this.slots.set(name, slots);
    }
    return slots;
  }
}
