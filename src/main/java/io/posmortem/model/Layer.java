package io.posmortem.model;

/**
 * The four rule layers, in firing order. Each owns a salience band so that a layer's rules fire
 * only after every earlier layer is quiet; a rule's {@code salience} must lie in its layer's band.
 */
public enum Layer {
    INTERPRETATION(400, 499),
    PREDICTION(300, 399),
    MATCHING(200, 299),
    CONCLUSION(100, 199);

    private final int lowestSalience;
    private final int highestSalience;

    Layer(int lowestSalience, int highestSalience) {
        this.lowestSalience = lowestSalience;
        this.highestSalience = highestSalience;
    }

    public int lowestSalience() { return lowestSalience; }

    public int highestSalience() { return highestSalience; }

    public boolean admits(int salience) {
        return salience >= lowestSalience && salience <= highestSalience;
    }
}
