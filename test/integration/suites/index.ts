import './activation.test';
import './drill.test';
