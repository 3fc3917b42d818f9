import { DatasetPicker } from '../data/DatasetPicker';
import { ErrorBoundary } from '../ErrorBoundary';
import { TrainingPanel } from '../TrainingPanel';

/** The dataset and the hyper-parameters: what a run will train on, and how. */
export function DataTrainingPanel() {
  return (
    <div className="panel-stack">
      <ErrorBoundary><TrainingPanel /></ErrorBoundary>
      <ErrorBoundary><DatasetPicker /></ErrorBoundary>
    </div>
  );
}
