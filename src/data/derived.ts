// What a dataset reference asks for, made from the files the loader returned (after its cache, so one download
// serves every dataset made from it): a class subset, then a rotation pretext. Runs and a reopened project's
// views both go through here, so the views show the images and labels the network was trained on.
import { classSubset } from './classSubset';
import { rotationPretext } from './rotation';
import type { DatasetRef, LoadedDataset } from './types';

export async function derivedDataset(ref: DatasetRef, data: LoadedDataset): Promise<LoadedDataset> {
  if (ref.kind === 'inline' || ref.kind === 'generated') return data;
  const subset = ref.classes ? await classSubset(data, ref.classes) : data;
  return ref.pretext === 'rotation' ? rotationPretext(subset) : subset;
}
