import numpy as np
from solution import fit_logistic_regression as _user_fit_logistic_regression
from mlprep_harness.checks import as_scalar as _as_scalar, as_array as _as_array, as_tuple as _as_tuple


def fit_logistic_regression(X, y, *args, **kwargs):
    """Your fit_logistic_regression, with its result checked to be a tuple (weights (d,) float array, bias number)."""
    got = _user_fit_logistic_regression(X, y, *args, **kwargs)
    w, b = _as_tuple(got, 2, ("weights", "bias"), "fit_logistic_regression result")
    return _as_array(w, (np.shape(X)[1],), "weights"), _as_scalar(b, "bias")


STRICT = dict(over="raise", divide="raise", invalid="raise")


def _sigmoid_ref(z):
    return 0.5 * (1.0 + np.tanh(np.asarray(z, dtype=float) / 2.0))


def _val_loss(X, y, w, b):
    z = X @ w + b
    return float(np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)))


def _trajectory(X, y, Xv, yv, lr, epochs, l2=0.0):
    """[(validation loss, w, b)] for epochs 0..epochs of part 2's training rule."""
    X = np.asarray(X, float); y = np.asarray(y, float)
    n, d = X.shape
    w = np.zeros(d); b = 0.0
    out = [(_val_loss(Xv, yv, w, b), w, b)]
    for _ in range(epochs):
        err = _sigmoid_ref(X @ w + b) - y
        w, b = w - lr * ((X.T @ err) / n + l2 * w), b - lr * err.mean()
        out.append((_val_loss(Xv, yv, w, b), w, b))
    return out


def _stop(traj, patience):
    """The stated rule: index of the epoch whose parameters are returned."""
    best, since = 0, 0
    for e in range(1, len(traj)):
        if traj[e][0] < traj[best][0]:
            best, since = e, 0
        else:
            since += 1
            if since == patience:
                break
    return best


def _split(seed, n=20, nv=20, d=2, signal=0.0):
    """Training and validation sets from one logistic model (weights `signal` * normal, 0: pure noise)."""
    rng = np.random.default_rng(seed)
    true_w = signal * rng.normal(size=d)
    X = rng.normal(size=(n, d)); y = (rng.uniform(size=n) < _sigmoid_ref(X @ true_w)).astype(np.int64)
    Xv = rng.normal(size=(nv, d)); yv = (rng.uniform(size=nv) < _sigmoid_ref(Xv @ true_w)).astype(np.int64)
    return X, y, Xv, yv


def _check(got, traj, e, what):
    w, b = got
    _, w_ref, b_ref = traj[e]
    np.testing.assert_allclose(w, w_ref, rtol=1e-6, atol=1e-9, err_msg=f"{what}: weights must be those after epoch {e}")
    np.testing.assert_allclose(b, b_ref, rtol=1e-6, atol=1e-9, err_msg=f"{what}: bias must be the one after epoch {e}")


def test_no_validation_set_trains_as_before():
    X, y, _, _ = _split(1, n=60, d=3)
    traj = _trajectory(X, y, X, y, 0.2, 50, l2=0.05)
    _check(fit_logistic_regression(X, y, lr=0.2, epochs=50, l2=0.05), traj, 50,
           "no X_val/y_val: all epochs run and the last parameters come back")


def test_returns_parameters_of_best_validation_epoch():
    # a small noisy training set: the validation loss falls, then rises as the model overfits.
    # patience larger than epochs, so the whole run happens; the best epoch is returned, not the last
    cases = []
    for seed in range(50):
        X, y, Xv, yv = _split(seed, n=12, nv=40, d=8, signal=1.0)
        traj = _trajectory(X, y, Xv, yv, 0.5, 150)
        e = int(np.argmin([t[0] for t in traj]))
        if 5 <= e <= 140:
            cases.append((X, y, Xv, yv, traj, e))
    assert len(cases) >= 3, "test setup: need runs whose best epoch is in the middle"
    for X, y, Xv, yv, traj, e in cases[:3]:
        _check(fit_logistic_regression(X, y, lr=0.5, epochs=150, X_val=Xv, y_val=yv, patience=1000),
               traj, e, "best validation epoch (patience > epochs)")


def test_patience_counts_epochs_without_strict_improvement():
    # lr = 8 makes the validation loss oscillate: runs are chosen where stopping after 2 or after 4
    # epochs without improvement returns different parameters than the stated patience of 3
    early, late = [], []
    for seed in range(200):
        X, y, Xv, yv = _split(seed)
        traj = _trajectory(X, y, Xv, yv, 8.0, 80)
        e = _stop(traj, 3)
        if _stop(traj, 2) != e and len(early) < 2:
            early.append((X, y, Xv, yv, traj, e))
        if _stop(traj, 4) != e and len(late) < 2:
            late.append((X, y, Xv, yv, traj, e))
    assert early and late, "test setup: the patience must matter for some seed"
    for X, y, Xv, yv, traj, e in early + late:
        _check(fit_logistic_regression(X, y, lr=8.0, epochs=80, X_val=Xv, y_val=yv, patience=3), traj, e,
               "patience=3: stop once 3 consecutive epochs bring no strictly lower validation loss")


def test_zero_start_is_a_candidate():
    # validation labels are the opposite of the training labels: every step makes validation worse,
    # so the zero start (epoch 0) is the best
    X, y, _, _ = _split(3, n=40, d=3)
    w, b = fit_logistic_regression(X, y, lr=0.3, epochs=100, X_val=X, y_val=1 - y, patience=5)
    np.testing.assert_array_equal(w, np.zeros(3), err_msg="the zero start has the lowest validation loss: weights must be 0")
    assert b == 0.0, f"the zero start has the lowest validation loss: bias must be 0.0, got {b}"


def test_with_l2_validation_loss_has_no_penalty():
    # l2 is strong: adding the penalty to the validation loss moves the best epoch
    cases = []
    for seed in range(60):
        X, y, Xv, yv = _split(seed, n=12, nv=40, d=8, signal=1.0)
        traj = _trajectory(X, y, Xv, yv, 0.5, 150, l2=0.02)
        e = _stop(traj, 20)
        pen = [(t[0] + 0.01 * float(t[1] @ t[1]), t[1], t[2]) for t in traj]
        if _stop(pen, 20) != e:
            cases.append((X, y, Xv, yv, traj, e))
    assert cases, "test setup: the penalty must matter for some seed"
    for X, y, Xv, yv, traj, e in cases[:3]:
        _check(fit_logistic_regression(X, y, lr=0.5, epochs=150, l2=0.02, X_val=Xv, y_val=yv, patience=20), traj, e,
               "with l2: early stopping on the validation log-loss WITHOUT the penalty")


def test_stable_validation_loss_for_large_features():
    X = np.array([[-1.0], [1.0], [-2.0], [2.0]]); y = np.array([0, 1, 0, 1])
    Xv = np.array([[-1000.0], [1000.0], [500.0]]); yv = np.array([0, 1, 0])   # one confidently wrong point
    traj = _trajectory(X, y, Xv, yv, 0.5, 30)
    with np.errstate(**STRICT):
        got = fit_logistic_regression(X, y, lr=0.5, epochs=30, X_val=Xv, y_val=yv, patience=3)
    _check(got, traj, _stop(traj, 3), "validation logits of +-1000 (log-loss from logits, no log(0))")


def test_argument_errors_and_inputs_untouched():
    X, y, Xv, yv = _split(4)
    for kw, what in [({"X_val": Xv}, "X_val without y_val"), ({"y_val": yv}, "y_val without X_val"),
                     ({"X_val": Xv, "y_val": yv, "patience": 0}, "patience=0")]:
        try:
            _user_fit_logistic_regression(X, y, epochs=5, **kw)
        except ValueError:
            continue
        raise AssertionError(f"{what} must raise ValueError")
    copies = [a.copy() for a in (X, y, Xv, yv)]
    w1, b1 = fit_logistic_regression(X, y, lr=8.0, epochs=40, X_val=Xv, y_val=yv, patience=3)
    for a, c, name in zip((X, y, Xv, yv), copies, ("X", "y", "X_val", "y_val")):
        np.testing.assert_array_equal(a, c, err_msg=f"{name} was modified")
    w2, b2 = fit_logistic_regression(X.tolist(), y.tolist(), lr=8.0, epochs=40, X_val=Xv.tolist(), y_val=yv.tolist(), patience=3)
    np.testing.assert_allclose(w2, w1, rtol=1e-9, err_msg="list inputs give different weights")
